using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>A member on a cell's notice: name and year of birth only, enough for the cell to tell its members.</summary>
public sealed record NoticeMember(string FullName, int BirthYear);

public sealed record NoticeSlot(DateTime Start, DateTime End, string Site, string? SiteAddress, int PlannedMembers, IReadOnlyList<NoticeMember> Members);

/// <summary>What a cell's printed notice shows; times are Vietnam wall-clock time.</summary>
public sealed record CellNotice(
    string CommuneName,
    string CellName,
    string? SecretaryName,
    string? SecretaryPhone,
    IReadOnlyList<NoticeSlot> Slots,
    DateTimeOffset PrintedAt);

public sealed record ScheduleDay(DateOnly Date, IReadOnlyList<SlotRow> Slots);

/// <summary>The commune's printed schedule from <see cref="From"/> to <see cref="To"/> (both included).</summary>
public sealed record CommuneSchedule(string CommuneName, DateOnly From, DateOnly To, IReadOnlyList<ScheduleDay> Days, DateTimeOffset PrintedAt);

/// <summary>Data of the printed planning documents, read within the user's commune like every query.</summary>
public sealed class NoticeQueries(IDbContextFactory<AppDbContext> factory, PlanningService planning, CurrentUser user, VietnamTime time)
{
    /// <summary>The notice of a cell with its slots from today on; null for a cell outside the user's commune.</summary>
    public async Task<CellNotice?> CellNoticeAsync(int cellId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cell = await db.PartyCells.AsNoTracking()
            .Where(c => c.Id == cellId)
            .Select(c => new { c.Name, c.SecretaryName, c.SecretaryPhone, Commune = c.Commune!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (cell is null)
        {
            return null;
        }

        var since = time.Today.ToDateTime(TimeOnly.MinValue);
        var slots = await db.ScheduleSlots.AsNoTracking()
            .Where(s => s.PartyCellId == cellId && s.Start >= since)
            .OrderBy(s => s.Start).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Start, s.End, Site = s.IntakeSite!.Name, s.IntakeSite.Address, s.Members })
            .ToListAsync(cancellationToken);
        var expected = await db.SlotMembers.AsNoTracking()
            .Where(m => m.ScheduleSlot!.PartyCellId == cellId && m.ScheduleSlot.Start >= since)
            .Select(m => new { m.ScheduleSlotId, m.MemberId, m.Member!.FullName, m.Member.BirthYear, m.Member.SortKey })
            .ToListAsync(cancellationToken);

        // Vietnamese list order: the sort key is folded to plain letters, so ordinal order is the alphabet's.
        var members = expected
            .OrderBy(m => m.SortKey, StringComparer.Ordinal).ThenBy(m => m.MemberId)
            .ToLookup(m => m.ScheduleSlotId, m => new NoticeMember(m.FullName, m.BirthYear));
        return new CellNotice(
            cell.Commune,
            cell.Name,
            cell.SecretaryName,
            cell.SecretaryPhone,
            slots.Select(s => new NoticeSlot(s.Start, s.End, s.Site, s.Address, s.Members, members[s.Id].ToList())).ToList(),
            time.Now);
    }

    /// <summary>The user's commune's slots for <paramref name="days"/> days from today, by day.</summary>
    public async Task<CommuneSchedule> ScheduleAsync(int days, CancellationToken cancellationToken = default)
    {
        var communeId = user.CommuneId ?? throw new InvalidOperationException("Commune users only.");
        string communeName;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            communeName = await db.Communes.AsNoTracking().Where(c => c.Id == communeId).Select(c => c.Name).FirstAsync(cancellationToken);
        }

        var from = time.Today;
        var slots = await planning.SlotsAsync(from, days, cancellationToken);
        var byDay = slots
            .GroupBy(s => DateOnly.FromDateTime(s.Start))
            .Select(g => new ScheduleDay(g.Key, g.ToList()))
            .ToList();
        return new CommuneSchedule(communeName, from, from.AddDays(days - 1), byDay, time.Now);
    }
}
