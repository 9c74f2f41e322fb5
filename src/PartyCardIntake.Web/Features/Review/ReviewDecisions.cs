using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>
/// The lead's decisions on records: approve, return for correction with a reason, approve clean matches in bulk.
/// Each answers null when done or a message code. A record changed by someone else since the lead saw it is
/// refused as a whole (its version no longer matches), never half-written.
/// </summary>
public sealed class ReviewDecisions(IDbContextFactory<AppDbContext> factory, CurrentUser user, TimeProvider clock, ILogger<ReviewDecisions> logger)
{
    public const int MaxReasonLength = 1000;

    public Task<string?> ApproveAsync(Guid id, Guid? version, CancellationToken cancellationToken = default) =>
        DecideAsync(id, version, (application, now) => application.Approve(UserId, now), cancellationToken);

    public async Task<string?> ReturnAsync(Guid id, Guid? version, string? reason, CancellationToken cancellationToken = default)
    {
        var text = VietnameseText.Normalize(reason);
        if (text.Length == 0)
        {
            return "review.reason-required";
        }

        if (text.Length > MaxReasonLength)
        {
            return "review.reason-too-long";
        }

        return await DecideAsync(id, version, (application, now) => application.Return(text, now), cancellationToken);
    }

    /// <summary>
    /// Approves the clean matches among <paramref name="ids"/> (all of the commune's when null), in one save:
    /// a record that is no longer a clean match is left alone, and a conflict approves none.
    /// </summary>
    public async Task<(int Approved, string? Error)> ApproveMatchesAsync(IReadOnlyCollection<Guid>? ids, CancellationToken cancellationToken = default)
    {
        if (ids is { Count: 0 })
        {
            return (0, "review.none-selected");
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
            return (0, "review.no-matches");
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
            return (0, "review.changed-many");
        }

        logger.LogInformation("{Count} clean matches approved in bulk", matches.Count);
        return (matches.Count, null);
    }

    private string UserId => user.UserId ?? throw new InvalidOperationException("A signed-in user decides.");

    private async Task<string?> DecideAsync(Guid id, Guid? version, Action<Application, DateTime> decide, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return "review.not-found";
        }

        // The version the lead saw is the one that must still be there when the decision is written.
        if (version is not { } seen || application.Version != seen)
        {
            return "review.changed";
        }

        try
        {
            decide(application, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException e)
        {
            return e.Code switch
            {
                "application.verification-pending" => "review.pending",
                "application.return-reason" => "review.reason-required",
                _ => "review.state",
            };
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return "review.changed";
        }

        logger.LogInformation("Application {Application} is now {State}", application.Id, application.State);
        return null;
    }
}
