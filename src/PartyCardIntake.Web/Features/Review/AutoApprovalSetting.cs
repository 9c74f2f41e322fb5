using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>The lead's switch for <see cref="Commune.AutoApproveMatches"/>.</summary>
public sealed class AutoApprovalSetting(IDbContextFactory<AppDbContext> factory, CurrentUser user, TimeProvider clock, ILogger<AutoApprovalSetting> logger)
{
    /// <summary>
    /// Stores the choice; switching it on also approves the clean matches already waiting, in the same save,
    /// so that the list does not depend on when a record arrived. Answers how many were approved, or a message code.
    /// </summary>
    public async Task<(int Approved, string? Error)> SetAsync(bool enabled, CancellationToken cancellationToken = default)
    {
        var communeId = user.CommuneId ?? throw new InvalidOperationException("Commune users only.");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var commune = await db.Communes.FirstOrDefaultAsync(c => c.Id == communeId, cancellationToken);
        if (commune is null)
        {
            return (0, "review.not-found");
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
            return (0, "review.changed-many");
        }

        logger.LogInformation("Auto-approval of commune {Commune} set to {Enabled}; {Count} waiting records approved", communeId, enabled, waiting.Count);
        return (waiting.Count, null);
    }
}
