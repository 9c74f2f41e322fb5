using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>
/// The commune's choice to approve records whose registry check matched without warnings, applied the same way
/// by the desk, the re-check worker and the lead's switch.
/// </summary>
public static class AutoApproval
{
    /// <summary>Stored as the approver of records approved by the rule, shown as "hệ thống".</summary>
    public const string UserName = "auto";

    public static bool IsCleanMatch(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.State == ApplicationState.Submitted
            && application.Verification == VerificationStatus.Matched
            && !application.HasWarnings;
    }

    /// <summary>Approves <paramref name="application"/> when it is a clean match and its commune allows it; the caller saves.</summary>
    public static async Task<bool> ApplyAsync(AppDbContext db, Application application, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!IsCleanMatch(application))
        {
            return false;
        }

        var allowed = await db.Communes.AsNoTracking()
            .Where(c => c.Id == application.CommuneId)
            .Select(c => c.AutoApproveMatches)
            .FirstOrDefaultAsync(cancellationToken);
        if (allowed)
        {
            application.Approve(UserName, now);
        }

        return allowed;
    }
}
