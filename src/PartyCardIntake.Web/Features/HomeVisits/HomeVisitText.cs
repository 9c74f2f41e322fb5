using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>Vietnamese text for the states and refusal codes of home visits.</summary>
public static class HomeVisitText
{
    public static string State(HomeVisitState state) =>
        Ui.ResourceManager.GetString($"HomeVisits_State_{state}", Ui.Culture) ?? state.ToString();

    /// <summary>Sentence for a refusal code such as "officer-busy"; unknown codes get a general sentence.</summary>
    public static string Error(string code) =>
        Ui.ResourceManager.GetString("HomeVisits_Error_" + code.Replace('-', '_').Replace('.', '_'), Ui.Culture) ?? Ui.HomeVisits_Error_unknown;

    public static string Done(string code) =>
        Ui.ResourceManager.GetString("HomeVisits_Done_" + code, Ui.Culture) ?? Ui.HomeVisits_Done_saved;

    public static string BadgeClass(HomeVisitState state) => state switch
    {
        HomeVisitState.Done => "text-bg-success",
        HomeVisitState.Planned => "text-bg-primary",
        HomeVisitState.Overdue => "text-bg-warning",
        HomeVisitState.Missed => "text-bg-danger",
        _ => "text-bg-secondary",
    };
}
