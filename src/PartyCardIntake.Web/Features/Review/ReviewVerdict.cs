using MudBlazor;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>
/// A record's verdict in words for the review pages, taken from the record's own verification so that the badge, the
/// check section and the confirmation say the same; the sentences are <see cref="RegistryVerdict"/>'s, as on the desk.
/// </summary>
public static class ReviewVerdict
{
    /// <summary>The short label of the badge ("Sai lệch", "Khớp, có lưu ý", "Chờ đối chiếu (đã thử 2 lần)").</summary>
    public static string Label(VerificationStatus status, bool hasWarnings, int attempts = 0) => status switch
    {
        VerificationStatus.Matched when hasWarnings => Ui.Verification_MatchedWithWarnings,
        VerificationStatus.Pending when attempts > 0 => string.Format(Ui.Culture, Ui.Verification_PendingRetry, attempts),
        _ => Labels.Of(status),
    };

    /// <summary>The headline of the check section, the desk's sentence for the same verdict.</summary>
    public static string Headline(VerificationStatus status, bool hasWarnings) => RegistryVerdict.Headline(AsCheck(status, hasWarnings));

    public static string Explanation(VerificationStatus status, bool hasWarnings) =>
        status == VerificationStatus.Pending ? Labels.Message("review.pending") : RegistryVerdict.Explanation(AsCheck(status, hasWarnings), atDesk: false);

    public static Color Color(VerificationStatus status, bool hasWarnings) => status switch
    {
        VerificationStatus.Matched when hasWarnings => MudBlazor.Color.Warning,
        VerificationStatus.Matched => MudBlazor.Color.Success,
        VerificationStatus.Mismatched or VerificationStatus.NotFound => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static Severity Severity(VerificationStatus status, bool hasWarnings) => status switch
    {
        VerificationStatus.Matched when hasWarnings => MudBlazor.Severity.Warning,
        VerificationStatus.Matched => MudBlazor.Severity.Success,
        VerificationStatus.Mismatched or VerificationStatus.NotFound => MudBlazor.Severity.Error,
        _ => MudBlazor.Severity.Normal,
    };

    public static string Icon(VerificationStatus status, bool hasWarnings) => status switch
    {
        VerificationStatus.Matched when hasWarnings => RegistryVerdict.Icon(FieldSeverity.Warning),
        VerificationStatus.Matched => RegistryVerdict.Icon(FieldSeverity.Same),
        VerificationStatus.Mismatched or VerificationStatus.NotFound => RegistryVerdict.Icon(FieldSeverity.Mismatch),
        _ => Icons.Material.Filled.HourglassEmpty,
    };

    /// <summary>What differs, for the approval's confirmation: the fields with their two values, or why there are none.</summary>
    public static string Differences(ReviewDetail record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Verification == VerificationStatus.NotFound)
        {
            return Ui.Review_ConfirmNotFound;
        }

        var fields = record.Check?.Comparison?.Fields.Where(f => f.Severity != FieldSeverity.Same).ToList() ?? [];
        return fields.Count == 0
            ? string.Format(Ui.Culture, Ui.Review_ConfirmNoDetail, Label(record.Verification, record.HasWarnings))
            : string.Format(Ui.Culture, Ui.Review_ConfirmFields, string.Join("; ", fields.Select(f => $"{Labels.Of(f.Field)} ({Labels.Of(f.Severity)}): “{f.PartyValue}” ≠ “{f.RegistryValue}”")));
    }

    private static RegistryCheck AsCheck(VerificationStatus status, bool hasWarnings) => new()
    {
        Outcome = status switch
        {
            VerificationStatus.Matched => CheckOutcome.Matched,
            VerificationStatus.Mismatched => CheckOutcome.Mismatched,
            VerificationStatus.NotFound => CheckOutcome.NotFound,
            _ => CheckOutcome.Unavailable,
        },
        HasWarnings = hasWarnings,
    };
}
