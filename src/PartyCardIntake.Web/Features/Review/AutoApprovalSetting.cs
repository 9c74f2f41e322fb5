using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>The lead's switch for <see cref="Commune.AutoApproveMatches"/>.</summary>
public sealed class AutoApprovalSetting(IDbContextFactory<AppDbContext> factory, CurrentUser user, AuditLog audit, TimeProvider clock, ILogger<AutoApprovalSetting> logger)
{
    /// <summary>
    /// Stores the choice; switching it on also approves the clean matches already waiting, in the same save,
    /// so that the list does not depend on when a record arrived. Answers how many were approved (<see cref="ReviewResult.Count"/>).
    /// </summary>
    public async Task<ReviewResult> SetAsync(bool enabled, CancellationToken cancellationToken = default)
    {
        if (user.CommuneId is not { } communeId || !user.IsInRole(AppRoles.StationLead))
        {
            await audit.RecordAsync(AuditAction.AccessDenied, target: "CHANGE /review/auto-approval", cancellationToken: CancellationToken.None);
            return ReviewResult.Of(ReviewOutcome.Denied);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var commune = await db.Communes.FirstOrDefaultAsync(c => c.Id == communeId, cancellationToken);
        if (commune is null)
        {
            return ReviewResult.Of(ReviewOutcome.NotFound);
        }

        commune.AutoApproveMatches = enabled;
        var waiting = new List<Application>();
        if (enabled)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            waiting = await db.Applications
                .Where(a => a.CommuneId == communeId && a.State == ApplicationState.Submitted && a.Verification == VerificationStatus.Matched && !a.HasWarnings)
                .ToListAsync(cancellationToken);
            foreach (var application in waiting)
            {
                application.Approve(AutoApproval.UserName, now);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ReviewResult.Of(ReviewOutcome.ChangedMany);
        }

        logger.LogInformation("Auto-approval of commune {Commune} set to {Enabled}; {Count} waiting records approved", communeId, enabled, waiting.Count);
        await audit.RecordAsync(AuditAction.Change, target: $"CHANGE /review/auto-approval → {(enabled ? "on" : "off")}", cancellationToken: CancellationToken.None);
        return ReviewResult.Of(ReviewOutcome.Done, waiting.Count);
    }
}
