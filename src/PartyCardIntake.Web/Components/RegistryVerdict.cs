using MudBlazor;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Components;

/// <summary>
/// How a registry check is put into words and marks, the same on the desk, the member page and the review page: the
/// headline, the sentence under it, and per field a row class, an icon and a colour of its own for each severity (so
/// that the difference never rests on colour alone).
/// </summary>
public static class RegistryVerdict
{
    public static string Headline(RegistryCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Outcome switch
        {
            CheckOutcome.Matched when check.HasWarnings => Ui.Desk_Outcome_MatchedWarnings,
            CheckOutcome.Matched => Ui.Desk_Outcome_Matched,
            CheckOutcome.Mismatched => Ui.Desk_Outcome_Mismatched,
            CheckOutcome.NotFound => Ui.Desk_Outcome_NotFound,
            _ => Ui.Desk_Outcome_Unavailable,
        };
    }

    /// <param name="check">The check.</param>
    /// <param name="atDesk">The desk carries on without an answer; other pages say what the officer can do instead.</param>
    public static string Explanation(RegistryCheck check, bool atDesk)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Outcome switch
        {
            CheckOutcome.Unavailable => $"{Labels.RegistryFailure(check.FailureReason)} {(atDesk ? Ui.Desk_Outcome_UnavailableCarryOn : Ui.Desk_Outcome_UnavailableHint)}",
            CheckOutcome.NotFound => Ui.Desk_Outcome_NotFoundHint,
            CheckOutcome.Mismatched => Ui.Desk_Outcome_MismatchedHint,
            CheckOutcome.Matched when check.HasWarnings => Ui.Desk_Outcome_WarningsHint,
            _ => string.Empty,
        };
    }

    public static string RowCss(FieldSeverity severity) => severity switch
    {
        FieldSeverity.Mismatch => "registry-mismatch",
        FieldSeverity.Warning => "registry-warning",
        _ => string.Empty,
    };

    public static string Icon(FieldSeverity severity) => severity switch
    {
        FieldSeverity.Mismatch => Icons.Material.Filled.Cancel,
        FieldSeverity.Warning => Icons.Material.Filled.WarningAmber,
        _ => Icons.Material.Filled.CheckCircle,
    };

    public static Color Color(FieldSeverity severity) => severity switch
    {
        FieldSeverity.Mismatch => MudBlazor.Color.Error,
        FieldSeverity.Warning => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Success,
    };
}
