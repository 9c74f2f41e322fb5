using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>How a decision or a re-check of the lead's review ended.</summary>
public enum ReviewOutcome
{
    Done = 0,

    /// <summary>No such record, or another commune's: the same answer.</summary>
    NotFound,

    /// <summary>The user is not a station lead of a commune.</summary>
    Denied,

    /// <summary>The record changed since the lead opened it ("đã được người khác thay đổi"); nothing written.</summary>
    Changed,

    /// <summary>Some of several records changed meanwhile; none written.</summary>
    ChangedMany,

    /// <summary>The record still waits for the registry's answer.</summary>
    Pending,

    /// <summary>The record is no longer in a state that allows this.</summary>
    WrongState,

    ReasonRequired,
    ReasonTooLong,

    /// <summary>
    /// The record's check found differences (mismatch, not found, or warnings): the lead must confirm that these were
    /// seen before it is approved. Nothing written.
    /// </summary>
    ConfirmationRequired,

    NoneSelected,
    NoMatches,

    /// <summary>The registry gave no answer; the record keeps its previous verdict (a failure is never a verdict).</summary>
    RegistryUnavailable,
}

/// <summary>The answer of a <see cref="ReviewDecisions"/> method; <see cref="Count"/> for operations on several records.</summary>
public sealed record ReviewResult(ReviewOutcome Outcome, int Count = 0)
{
    public static readonly ReviewResult Done = new(ReviewOutcome.Done);

    public bool Succeeded => Outcome == ReviewOutcome.Done;

    /// <summary>The message code for <see cref="Components.Labels.Message"/>.</summary>
    public string MessageCode => Outcome switch
    {
        ReviewOutcome.Done => "done.review-approved",
        ReviewOutcome.NotFound => "review.not-found",
        ReviewOutcome.Denied => "review.denied",
        ReviewOutcome.Changed => "review.changed",
        ReviewOutcome.ChangedMany => "review.changed-many",
        ReviewOutcome.Pending => "review.pending",
        ReviewOutcome.ReasonRequired => "review.reason-required",
        ReviewOutcome.ReasonTooLong => "review.reason-too-long",
        ReviewOutcome.ConfirmationRequired => "review.confirm-required",
        ReviewOutcome.NoneSelected => "review.none-selected",
        ReviewOutcome.NoMatches => "review.no-matches",
        ReviewOutcome.RegistryUnavailable => "review.registry-unavailable",
        _ => "review.state",
    };

    public static ReviewResult Of(ReviewOutcome outcome, int count = 0) => new(outcome, count);
}

/// <summary>What a re-check of one record found: the verdict before and after, and the registry's own outcome.</summary>
public sealed record RecheckResult(ReviewOutcome Outcome, VerificationStatus Before, VerificationStatus After, bool HadWarnings, bool HasWarnings, CheckOutcome? Check)
{
    public bool Changed => Before != After || HadWarnings != HasWarnings;

    public static RecheckResult Failed(ReviewOutcome outcome) => new(outcome, default, default, false, false, null);
}
