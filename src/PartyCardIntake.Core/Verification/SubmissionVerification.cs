using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Verification;

/// <summary>
/// The verification a desk submission gets, and the check it rests on. <see cref="ReliesOn"/> is null
/// when no usable answer exists: the record is then saved pending and re-checked by the worker.
/// </summary>
public sealed record SubmissionDecision(VerificationStatus Verification, bool HasWarnings, RegistryCheck? ReliesOn, DateTime? UsableUntil)
{
    public static readonly SubmissionDecision Pending = new(VerificationStatus.Pending, false, null, null);

    public bool IsPending => ReliesOn is null;
}

/// <summary>
/// Decides the verification of a submitted application from the member's registry checks. The desk page
/// announces the same decision the submission applies, so both go through here.
/// </summary>
public static class SubmissionVerification
{
    /// <summary>
    /// The newest conclusive check no older than <paramref name="reuseWindow"/> decides; a check exactly
    /// <paramref name="reuseWindow"/> old still counts. A registry failure never decides anything, so a
    /// failure after a good answer does not hide that answer, and a failure alone gives pending.
    /// </summary>
    public static SubmissionDecision Decide(IEnumerable<RegistryCheck> checks, DateTime now, TimeSpan reuseWindow)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var since = OldestUsable(now, reuseWindow);
        var chosen = checks
            .Where(c => c.IsConclusive && c.CheckedAt >= since)
            .OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id)
            .FirstOrDefault();
        if (chosen is null)
        {
            return SubmissionDecision.Pending;
        }

        var status = chosen.Outcome switch
        {
            CheckOutcome.Matched => VerificationStatus.Matched,
            CheckOutcome.Mismatched => VerificationStatus.Mismatched,
            CheckOutcome.NotFound => VerificationStatus.NotFound,
            _ => throw new InvalidOperationException($"Check outcome {chosen.Outcome} cannot decide a record."),
        };
        return new SubmissionDecision(status, status == VerificationStatus.Matched && chosen.HasWarnings, chosen, chosen.CheckedAt + reuseWindow);
    }

    private static DateTime OldestUsable(DateTime now, TimeSpan reuseWindow) => now - reuseWindow;

    /// <summary>
    /// <see cref="Decide"/> over a member's stored checks. The desk page and the submission both read through
    /// here, so that they load the same candidates as well as judge them alike.
    /// </summary>
    public static async Task<SubmissionDecision> DecideForMemberAsync(
        IQueryable<RegistryCheck> checks,
        int memberId,
        DateTime now,
        TimeSpan reuseWindow,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var since = OldestUsable(now, reuseWindow);
        var candidates = await checks
            .Where(c => c.MemberId == memberId && c.CheckedAt >= since && c.Outcome != CheckOutcome.Unavailable)
            .ToListAsync(cancellationToken);
        return Decide(candidates, now, reuseWindow);
    }
}
