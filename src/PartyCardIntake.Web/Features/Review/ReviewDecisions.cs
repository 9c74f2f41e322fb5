using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>
/// The lead's decisions on records: approve, return for correction with a reason, approve clean matches in bulk,
/// and check a record against the registry again. A record changed by someone else since the lead saw it is
/// refused as a whole (its version no longer matches), never half-written. Only a commune's station lead decides;
/// the query filters make another commune's record "not found".
/// </summary>
public sealed class ReviewDecisions(
    IDbContextFactory<AppDbContext> factory,
    CurrentUser user,
    RegistryCheckService checks,
    IOptions<VerificationOptions> verification,
    DeskActivityFeed activity,
    AuditLog audit,
    TimeProvider clock,
    ILogger<ReviewDecisions> logger)
{
    public const int MaxReasonLength = 1000;

    public bool MayDecide => user.CommuneId is not null && user.IsInRole(AppRoles.StationLead);

    /// <summary>True when approving the record needs the lead's confirmation that its differences were seen.</summary>
    public static bool NeedsConfirmation(VerificationStatus verification, bool hasWarnings) =>
        verification is VerificationStatus.Mismatched or VerificationStatus.NotFound || hasWarnings;

    /// <summary>
    /// Approves the record the lead saw at <paramref name="version"/>. A record whose check found differences
    /// (<see cref="NeedsConfirmation"/>) is approved only with <paramref name="differencesConfirmed"/>; without it the
    /// answer is <see cref="ReviewOutcome.ConfirmationRequired"/> and nothing is written.
    /// </summary>
    public async Task<ReviewResult> ApproveAsync(Guid id, Guid? version, bool differencesConfirmed = false, CancellationToken cancellationToken = default) =>
        await AuditedAsync(id, "approve", await DecideAsync(
            id,
            version,
            application => !differencesConfirmed && NeedsConfirmation(application.Verification, application.HasWarnings) ? ReviewOutcome.ConfirmationRequired : null,
            (application, now) => application.Approve(UserId, now),
            cancellationToken));

    public async Task<ReviewResult> ReturnAsync(Guid id, Guid? version, string? reason, CancellationToken cancellationToken = default)
    {
        var text = VietnameseText.Normalize(reason);
        var result = !MayDecide ? ReviewResult.Of(ReviewOutcome.Denied)
            : text.Length == 0 ? ReviewResult.Of(ReviewOutcome.ReasonRequired)
            : text.Length > MaxReasonLength ? ReviewResult.Of(ReviewOutcome.ReasonTooLong)
            : await DecideAsync(id, version, _ => null, (application, now) => application.Return(text, now), cancellationToken);
        return await AuditedAsync(id, "return", result);
    }

    /// <summary>
    /// Approves the clean matches among <paramref name="ids"/> (all of the commune's when null), in one save:
    /// a record that is no longer a clean match is left alone, and a conflict approves none.
    /// </summary>
    public async Task<ReviewResult> ApproveMatchesAsync(IReadOnlyCollection<Guid>? ids, CancellationToken cancellationToken = default)
    {
        if (!MayDecide)
        {
            return ReviewResult.Of(ReviewOutcome.Denied);
        }

        if (ids is { Count: 0 })
        {
            return ReviewResult.Of(ReviewOutcome.NoneSelected);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Applications.Where(a => a.State == ApplicationState.Submitted && a.Verification == VerificationStatus.Matched && !a.HasWarnings);
        if (ids is not null)
        {
            query = query.Where(a => ids.Contains(a.Id));
        }

        var matches = await query.ToListAsync(cancellationToken);
        if (matches.Count == 0)
        {
            return ReviewResult.Of(ReviewOutcome.NoMatches);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var application in matches)
        {
            application.Approve(UserId, now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ReviewResult.Of(ReviewOutcome.ChangedMany);
        }

        logger.LogInformation("{Count} clean matches approved in bulk", matches.Count);
        await audit.RecordAsync(AuditAction.Change, target: string.Create(CultureInfo.InvariantCulture, $"CHANGE /review/approve-matches → {matches.Count}"), cancellationToken: CancellationToken.None);
        return ReviewResult.Of(ReviewOutcome.Done, matches.Count);
    }

    /// <summary>
    /// Checks the record's member against the registry now and records the answer exactly as the re-check worker
    /// does: a check of source Recheck tied to the record, the record's verdict (a failure leaves the verdict as it
    /// was, and a pending record's next try is pushed back), the worklist, and auto-approval of a clean match when
    /// the commune allows it.
    /// </summary>
    public async Task<RecheckResult> RecheckAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!MayDecide)
        {
            return await AuditedAsync(id, "recheck", RecheckResult.Failed(ReviewOutcome.Denied));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.Include(a => a.Member).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return RecheckResult.Failed(ReviewOutcome.NotFound);
        }

        if (application.State is not (ApplicationState.Submitted or ApplicationState.Returned))
        {
            return await AuditedAsync(id, "recheck", RecheckResult.Failed(ReviewOutcome.WrongState));
        }

        var (before, hadWarnings) = (application.Verification, application.HasWarnings);
        var result = await checks.CheckAsync(db, application.Member!, CheckSource.Recheck, user.UserId, cancellationToken);
        result.Check.ApplicationId = application.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        application.ApplyCheck(result.Check.Outcome, result.Check.HasWarnings, now, verification.Value.RetryDelay(application.VerificationAttempts + 1));
        await AutoApproval.ApplyAsync(db, application, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await AuditedAsync(id, "recheck", RecheckResult.Failed(ReviewOutcome.Changed));
        }

        if (application.IntakeSiteId is { } siteId)
        {
            activity.Publish(siteId);
        }

        logger.LogInformation("Application {Application} re-checked by the lead: {Before} → {After}", application.Id, before, application.Verification);
        var outcome = result.Check.Outcome == CheckOutcome.Unavailable ? ReviewOutcome.RegistryUnavailable : ReviewOutcome.Done;
        return await AuditedAsync(id, "recheck", new RecheckResult(outcome, before, application.Verification, hadWarnings, application.HasWarnings, result.Check.Outcome));
    }

    private string UserId => user.UserId ?? throw new InvalidOperationException("A signed-in user decides.");

    private async Task<ReviewResult> DecideAsync(Guid id, Guid? version, Func<Application, ReviewOutcome?> precondition, Action<Application, DateTime> decide, CancellationToken cancellationToken)
    {
        if (!MayDecide)
        {
            return ReviewResult.Of(ReviewOutcome.Denied);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return ReviewResult.Of(ReviewOutcome.NotFound);
        }

        // The version the lead saw is the one that must still be there when the decision is written.
        if (version is not { } seen || application.Version != seen)
        {
            return ReviewResult.Of(ReviewOutcome.Changed);
        }

        if (precondition(application) is { } refused)
        {
            return ReviewResult.Of(refused);
        }

        try
        {
            decide(application, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException e)
        {
            return ReviewResult.Of(e.Code switch
            {
                "application.verification-pending" => ReviewOutcome.Pending,
                "application.return-reason" => ReviewOutcome.ReasonRequired,
                _ => ReviewOutcome.WrongState,
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ReviewResult.Of(ReviewOutcome.Changed);
        }

        logger.LogInformation("Application {Application} is now {State}", application.Id, application.State);
        return ReviewResult.Done;
    }

    /// <summary>A circuit sends no request for the audit middleware to see: each decision is written here, as the form posts were.</summary>
    private async Task<ReviewResult> AuditedAsync(Guid id, string action, ReviewResult result)
    {
        await RecordAsync(id, action, result.Outcome);
        return result;
    }

    private async Task<RecheckResult> AuditedAsync(Guid id, string action, RecheckResult result)
    {
        await RecordAsync(id, action, result.Outcome);
        return result;
    }

    private Task RecordAsync(Guid id, string action, ReviewOutcome outcome)
    {
        // "Not found" is not written: another commune's id must leave no trace that it exists.
        if (outcome == ReviewOutcome.NotFound)
        {
            return Task.CompletedTask;
        }

        var target = string.Create(CultureInfo.InvariantCulture, $"CHANGE /review/{id}/{action} → {outcome}");
        return audit.RecordAsync(outcome == ReviewOutcome.Denied ? AuditAction.AccessDenied : AuditAction.Change, target: target, cancellationToken: CancellationToken.None);
    }
}
