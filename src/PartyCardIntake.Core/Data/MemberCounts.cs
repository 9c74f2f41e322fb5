using Microsoft.EntityFrameworkCore;

namespace PartyCardIntake.Core.Data;

/// <summary>
/// A commune's eligible and excused members, stored on the commune so that a province's dashboard does not
/// count members. Recounted for the one commune after each change to its list (import, exemption), which
/// costs a count over that commune's members only.
/// </summary>
public static class MemberCounts
{
    public static async Task RecountAsync(AppDbContext db, int communeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var eligible = await db.PartyMembers.IgnoreQueryFilters().CountAsync(m => m.CommuneId == communeId && m.Exemption == null, cancellationToken);
        var excused = await db.PartyMembers.IgnoreQueryFilters().CountAsync(m => m.CommuneId == communeId && m.Exemption != null, cancellationToken);
        await db.Communes.IgnoreQueryFilters().Where(c => c.Id == communeId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.EligibleMembers, eligible).SetProperty(c => c.ExcusedMembers, excused), cancellationToken);
    }
}
