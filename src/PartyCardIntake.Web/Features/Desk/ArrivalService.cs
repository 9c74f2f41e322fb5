using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Web.Features.Planning;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Desk;

public sealed record QueueSlot(int Id, DateTime Start, DateTime End, string Cell, bool IsNow, bool Ended, IReadOnlyList<ExpectedMember> Members)
{
    public int Captured => Members.Count(m => m.Status == ExpectedStatus.Captured);

    public int Arrived => Members.Count(m => m.Status == ExpectedStatus.Arrived);
}

/// <summary>
/// Today's queue at a site: the cells expected, slot by slot, and each member's place in it (expected,
/// arrived, captured, did not come). Officers check members in as they arrive.
/// </summary>
public sealed class ArrivalService(IDbContextFactory<AppDbContext> factory, VietnamTime time, TimeProvider clock, DeskActivityFeed activity, CurrentUser user)
{
    public async Task<IReadOnlyList<QueueSlot>> TodayAsync(int siteId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await TodayAsync(db, siteId, time, cancellationToken);
    }

    /// <summary>
    /// The queue of a site on <paramref name="db"/>, whatever its scope: the page reads it with the user's context,
    /// <see cref="DeskActivityFeed"/> with a system one, and both must show the same thing.
    /// </summary>
    public static async Task<IReadOnlyList<QueueSlot>> TodayAsync(AppDbContext db, int siteId, VietnamTime time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var today = time.Today.ToDateTime(TimeOnly.MinValue);
        var slots = await db.ScheduleSlots.AsNoTracking()
            .Where(s => s.IntakeSiteId == siteId && s.Start >= today && s.Start < today.AddDays(1))
            .OrderBy(s => s.Start).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Start, s.End, Cell = s.PartyCell!.Name })
            .ToListAsync(cancellationToken);
        var ids = slots.Select(s => s.Id).ToList();
        var members = (await ScheduleCalendar.ExpectedOf(db, ids).ToListAsync(cancellationToken)).ToLookup(m => m.SlotId);
        var now = time.Now.DateTime;
        return slots.Select(s =>
        {
            var ended = s.End <= now;
            return new QueueSlot(
                s.Id, s.Start, s.End, s.Cell, s.Start <= now && now < s.End, ended,
                members[s.Id].Select(m => new ExpectedMember(m.MemberId, m.FullName, m.BirthYear, ScheduleCalendar.StatusOf(m.Captured, m.CheckedInAt, ended), m.CheckedInAt)).ToList());
        }).ToList();
    }

    /// <summary>Marks a member of one of today's slots as arrived; checking in twice keeps the first time. False when there is no such member today.</summary>
    public async Task<bool> CheckInAsync(int slotId, int memberId, string userName, CancellationToken cancellationToken = default)
    {
        if (!DeskRoles.MayWork(user))
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var today = time.Today.ToDateTime(TimeOnly.MinValue);
        var found = await db.SlotMembers
            .Where(e => e.ScheduleSlotId == slotId && e.MemberId == memberId && e.ScheduleSlot!.Start >= today && e.ScheduleSlot.Start < today.AddDays(1))
            .Select(e => new { Entry = e, e.ScheduleSlot!.IntakeSiteId })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        if (found.Entry.CheckedInAt is null)
        {
            found.Entry.CheckedInAt = clock.GetUtcNow().UtcDateTime;
            found.Entry.CheckedInBy = userName;
            await db.SaveChangesAsync(cancellationToken);
            activity.Publish(found.IntakeSiteId);
        }

        return true;
    }
}
