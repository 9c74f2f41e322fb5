using MudBlazor;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>Vietnamese text and colours for the states and refusals of home visits.</summary>
public static class HomeVisitText
{
    public static string State(HomeVisitState state) =>
        Ui.ResourceManager.GetString($"HomeVisits_State_{state}", Ui.Culture) ?? state.ToString();

    /// <summary>The sentence for a refusal; unknown ones get a general sentence.</summary>
    public static string Error(HomeVisitOutcome outcome) => outcome switch
    {
        HomeVisitOutcome.NotFlagged => Ui.HomeVisits_Error_not_flagged,
        HomeVisitOutcome.Exempted => Ui.HomeVisits_Error_exempted,
        HomeVisitOutcome.Captured => Ui.HomeVisits_Error_captured,
        HomeVisitOutcome.MemberPlanned => Ui.HomeVisits_Error_member_planned,
        HomeVisitOutcome.OfficerInvalid => Ui.HomeVisits_Error_officer_invalid,
        HomeVisitOutcome.OfficerBusy => Ui.HomeVisits_Error_officer_busy,
        HomeVisitOutcome.Cancelled => Ui.HomeVisits_Error_cancelled,
        HomeVisitOutcome.NotPlanned => Ui.HomeVisits_Error_not_planned,
        HomeVisitOutcome.AlreadyDone => Ui.HomeVisits_Error_done,
        HomeVisitOutcome.NotYet => Ui.HomeVisits_Error_not_yet,
        HomeVisitOutcome.NotFound => Ui.NotFound_Text,
        _ => Ui.HomeVisits_Error_unknown,
    };

    public static Color StateColor(HomeVisitState state) => state switch
    {
        HomeVisitState.Done => Color.Success,
        HomeVisitState.Planned => Color.Primary,
        HomeVisitState.Overdue => Color.Warning,
        HomeVisitState.Missed => Color.Error,
        _ => Color.Default,
    };
}
