using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.Core.Scheduling;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

public sealed record CalendarSlot(int Id, int SiteId, int CellId, string Cell, DateTime Start, DateTime End, int Members, int CheckedIn, bool IsManual, SlotProblem Problems);

public enum ExpectedStatus
{
    Expected,
    Arrived,
    Captured,
    NoShow,
}

public sealed record ExpectedMember(int Id, string FullName, int BirthYear, ExpectedStatus Status, DateTime? CheckedInAt);

public sealed record SlotDetail(CalendarSlot Slot, string Site, bool Ended, IReadOnlyList<ExpectedMember> Members);

public sealed record CalendarSite(int Id, string Name, int Devices, int MinutesPerMember);

/// <summary>A member of a day's slot who did not come or left without a record.</summary>
public sealed record MissedRow(string Cell, DateTime Start, ExpectedMember Member);

public sealed record WaitingCell(int Id, string Name, int Members);

/// <summary>
/// The commune's slots over some days with their problems, its sites, the cells still waiting, and what the page needs
/// to re-check a slot while it is dragged or edited (<see cref="ProblemsIf"/>, <see cref="RefusalIf"/>) without the database.
/// </summary>
public sealed record CalendarView(DateOnly From, int Days, IReadOnlyList<CalendarSite> Sites, IReadOnlyList<CalendarSlot> Slots, IReadOnlyList<WaitingCell> Unscheduled)
{
    public static readonly CalendarView Empty = new(default, 0, [], [], []);

    public CampaignWindow Window { get; init; } = new(null, null);

    public DateTime Now { get; init; }

    public IReadOnlyDictionary<int, CheckedSite> CheckedSites { get; init; } = new Dictionary<int, CheckedSite>();

    public IReadOnlyDictionary<int, IReadOnlySet<AvailabilityWindow>> CellWindows { get; init; } = new Dictionary<int, IReadOnlySet<AvailabilityWindow>>();

    public int Flagged => Slots.Count(s => s.Problems != SlotProblem.None);

    /// <summary>The problems a slot would have at another site and time, the others staying where they are.</summary>
    public SlotProblem ProblemsIf(int slotId, int siteId, DateTime start, DateTime end)
    {
        if (Slots.FirstOrDefault(s => s.Id == slotId) is not { } slot)
        {
            return SlotProblem.None;
        }

        var moved = new CheckedSlot(slot.Id, siteId, slot.CellId, start, end, slot.Members);
        return SlotPlacementRules.ProblemsAfterMove(Slots.Select(s => new CheckedSlot(s.Id, s.SiteId, s.CellId, s.Start, s.End, s.Members)), moved, CheckedSites, CellWindows, Window.Deadline);
    }

    /// <summary>Whether the move would be refused (the service refuses it again when it is saved).</summary>
    public PlacementRefusal RefusalIf(int siteId, DateTime start, DateTime end) =>
        CheckedSites.TryGetValue(siteId, out var site)
            ? SlotPlacementRules.Check(start, end, site.Schedule, Now, Window.Start, Window.Deadline)
            : PlacementRefusal.OutsideHours;

    /// <summary>The opening intervals of a site on a date (special days with their own hours).</summary>
    public IReadOnlyList<OpeningInterval> HoursOf(int siteId, DateOnly date) =>
        CheckedSites.TryGetValue(siteId, out var site) ? site.Schedule.On(date) : [];
}

/// <summary>The commune's slots per site and day with their problems flagged, and the cells still waiting for a slot.</summary>
public sealed class ScheduleCalendar(IDbContextFactory<AppDbContext> factory, VietnamTime time, CurrentUser user)
{
    /// <summary>Any commune staff reads the calendar and the slots; officers print notices from it.</summary>
    public bool CanRead => user.CommuneId is not null
        && (user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.WardCommittee) || user.IsInRole(AppRoles.IntakeOfficer));

    /// <summary>The lead and the committee plan, move slots and follow the no-shows.</summary>
    public bool CanPlan => user.CommuneId is not null && (user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.WardCommittee));

    public async Task<CalendarView> GetAsync(DateOnly from, int days, CancellationToken cancellationToken = default)
    {
        if (!CanRead)
        {
            return CalendarView.Empty;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var window = await ScheduleEditor.WindowAsync(db, user.CommuneId!.Value, cancellationToken);
        var since = from.ToDateTime(TimeOnly.MinValue);
        var until = from.AddDays(days).ToDateTime(TimeOnly.MinValue);
        var sites = await db.IntakeSites.AsNoTracking().Include(s => s.Devices).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var slots = await db.ScheduleSlots.AsNoTracking()
            .Where(s => s.End > since && s.Start < until)
            .OrderBy(s => s.Start).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.IntakeSiteId, s.PartyCellId, Cell = s.PartyCell!.Name, Availability = s.PartyCell.Availability, s.Start, s.End, s.IsManual,
                Members = s.Expected.Count, CheckedIn = s.Expected.Count(e => e.CheckedInAt != null),
            })
            .ToListAsync(cancellationToken);

        var checkedSites = sites.ToDictionary(
            s => s.Id,
            s => new CheckedSite(s.Id, s.Devices.Count(d => d.IsActive), s.MinutesPerMember, s.Schedule));
        var windows = slots.DistinctBy(s => s.PartyCellId).ToDictionary(s => s.PartyCellId, s => (IReadOnlySet<AvailabilityWindow>)PlanningService.Windows(s.Availability));
        var problems = ScheduleCheck.Check(
            slots.Select(s => new CheckedSlot(s.Id, s.IntakeSiteId, s.PartyCellId, s.Start, s.End, s.Members)).ToList(),
            checkedSites,
            windows,
            window.Deadline);

        var waiting = await WaitingMembers.Of(db, time.Now.DateTime)
            .GroupBy(m => new { m.PartyCellId, m.PartyCell!.Name })
            .Select(g => new WaitingCell(g.Key.PartyCellId, g.Key.Name, g.Count()))
            .ToListAsync(cancellationToken);

        return new CalendarView(
            from,
            days,
            sites.Select(s => new CalendarSite(s.Id, s.Name, s.Devices.Count(d => d.IsActive), s.MinutesPerMember)).ToList(),
            slots.Select(s => new CalendarSlot(s.Id, s.IntakeSiteId, s.PartyCellId, s.Cell, s.Start, s.End, s.Members, s.CheckedIn, s.IsManual, problems[s.Id])).ToList(),
            waiting.OrderBy(c => c.Name, Components.Labels.NameOrder).ToList())
        {
            Window = window,
            Now = time.Now.DateTime,
            CheckedSites = checkedSites,
            CellWindows = windows,
        };
    }

    /// <summary>The problems of the commune's slots over some days, as <see cref="GetAsync"/> flags them.</summary>
    internal static async Task<IReadOnlyDictionary<int, SlotProblem>> CheckAsync(AppDbContext db, DateOnly from, int days, CancellationToken cancellationToken)
    {
        var since = from.ToDateTime(TimeOnly.MinValue);
        var until = from.AddDays(days).ToDateTime(TimeOnly.MinValue);
        var sites = await db.IntakeSites.AsNoTracking().Include(s => s.Devices).ToListAsync(cancellationToken);
        var slots = await db.ScheduleSlots.AsNoTracking().Where(s => s.End > since && s.Start < until)
            .Select(s => new { s.Id, s.IntakeSiteId, s.PartyCellId, s.PartyCell!.Availability, s.Start, s.End, Members = s.Expected.Count, s.CommuneId })
            .ToListAsync(cancellationToken);
        var communeId = slots.Select(s => s.CommuneId).FirstOrDefault();
        var window = await ScheduleEditor.WindowAsync(db, communeId, cancellationToken);
        return ScheduleCheck.Check(
            slots.Select(s => new CheckedSlot(s.Id, s.IntakeSiteId, s.PartyCellId, s.Start, s.End, s.Members)).ToList(),
            sites.ToDictionary(s => s.Id, s => new CheckedSite(s.Id, s.Devices.Count(d => d.IsActive), s.MinutesPerMember, s.Schedule)),
            slots.DistinctBy(s => s.PartyCellId).ToDictionary(s => s.PartyCellId, s => (IReadOnlySet<AvailabilityWindow>)PlanningService.Windows(s.Availability)),
            window.Deadline);
    }

    public async Task<IReadOnlyList<CalendarSite>> SitesAsync(CancellationToken cancellationToken = default)
    {
        if (!CanRead)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.IntakeSites.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new CalendarSite(s.Id, s.Name, s.Devices.Count(d => d.IsActive), s.MinutesPerMember))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One slot with its members and where each stands; null outside the user's commune.</summary>
    public async Task<SlotDetail?> SlotAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!CanRead)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var slot = await db.ScheduleSlots.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Id, s.IntakeSiteId, s.PartyCellId, Cell = s.PartyCell!.Name, Site = s.IntakeSite!.Name, s.Start, s.End, s.IsManual })
            .FirstOrDefaultAsync(cancellationToken);
        if (slot is null)
        {
            return null;
        }

        var ended = slot.End <= time.Now.DateTime;
        var members = await ExpectedOf(db, [id]).ToListAsync(cancellationToken);
        var rows = members.Select(m => new ExpectedMember(m.MemberId, m.FullName, m.BirthYear, StatusOf(m.Captured, m.CheckedInAt, ended), m.CheckedInAt)).ToList();
        return new SlotDetail(
            new CalendarSlot(slot.Id, slot.IntakeSiteId, slot.PartyCellId, slot.Cell, slot.Start, slot.End, rows.Count, rows.Count(r => r.CheckedInAt is not null), slot.IsManual, SlotProblem.None),
            slot.Site,
            ended,
            rows);
    }

    /// <summary>
    /// Members of a day's slots who did not come (the slot is over, no check-in, no application), and those
    /// who came but left without a record, per cell: the list the lead re-schedules at the end of the day.
    /// </summary>
    public async Task<IReadOnlyList<MissedRow>> MissedAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        if (!CanPlan)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var since = date.ToDateTime(TimeOnly.MinValue);
        var now = time.Now.DateTime;
        var slots = await db.ScheduleSlots.AsNoTracking()
            .Where(s => s.Start >= since && s.Start < since.AddDays(1) && s.End <= now)
            .Select(s => new { s.Id, s.Start, Cell = s.PartyCell!.Name })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var rows = (await ExpectedOf(db, slots.Keys.ToList()).ToListAsync(cancellationToken)).Where(r => !r.Captured);
        return rows
            .Select(r => new MissedRow(slots[r.SlotId].Cell, slots[r.SlotId].Start, new ExpectedMember(r.MemberId, r.FullName, r.BirthYear, StatusOf(false, r.CheckedInAt, true), r.CheckedInAt)))
            .OrderBy(r => r.Cell, Components.Labels.NameOrder).ThenBy(r => r.Start)
            .ToList();
    }

    internal static ExpectedStatus StatusOf(bool captured, DateTime? checkedInAt, bool ended) =>
        captured ? ExpectedStatus.Captured
        : checkedInAt is not null ? ExpectedStatus.Arrived
        : ended ? ExpectedStatus.NoShow
        : ExpectedStatus.Expected;

    internal sealed record ExpectedRow(int SlotId, int MemberId, string FullName, string SortKey, int BirthYear, DateTime? CheckedInAt, bool Captured);

    /// <summary>The members expected in some slots, in list order, with their check-in and whether they have been captured.</summary>
    internal static IQueryable<ExpectedRow> ExpectedOf(AppDbContext db, IReadOnlyCollection<int> slotIds) =>
        db.SlotMembers.AsNoTracking()
            .Where(e => slotIds.Contains(e.ScheduleSlotId))
            .OrderBy(e => e.Member!.SortKey).ThenBy(e => e.MemberId)
            .Select(e => new ExpectedRow(
                e.ScheduleSlotId, e.MemberId, e.Member!.FullName, e.Member.SortKey, e.Member.BirthYear, e.CheckedInAt,
                db.Applications.Any(a => a.MemberId == e.MemberId && a.State != Core.Domain.ApplicationState.Cancelled)));
}
