using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>
/// Members still to be given a slot: eligible, not visited at home, without an application, and not
/// expected in a slot that has not ended yet. No-shows of slots already over come back here.
/// </summary>
internal static class WaitingMembers
{
    public static IQueryable<PartyMember> Of(AppDbContext db, DateTime now) =>
        db.PartyMembers.Where(m => m.Exemption == null && !m.NeedsHomeVisit
            && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled)
            && !db.SlotMembers.Any(e => e.MemberId == m.Id && e.ScheduleSlot!.End > now));

    /// <summary>Waiting members' ids per cell, in the order of the cell's list (given name first).</summary>
    public static async Task<Dictionary<int, Queue<int>>> ByCellAsync(AppDbContext db, DateTime now, int? cellId, CancellationToken cancellationToken)
    {
        var query = Of(db, now);
        if (cellId is { } id)
        {
            query = query.Where(m => m.PartyCellId == id);
        }

        var rows = await query.OrderBy(m => m.PartyCellId).ThenBy(m => m.SortKey).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.PartyCellId })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PartyCellId).ToDictionary(g => g.Key, g => new Queue<int>(g.Select(r => r.Id)));
    }
}
