using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.Core.Reporting;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>A stored slot as lists show it. <paramref name="CellId"/> links to the cell's documents.</summary>
public sealed record SlotRow(int Id, DateTime Start, DateTime End, string Site, string Cell, int Members, bool IsManual, int CellId = 0);

/// <summary>How a planning run ended; only <see cref="Done"/> changed the schedule.</summary>
public enum PlanRunOutcome
{
    Done,

    /// <summary>Not a planner of a commune (an officer, a province user).</summary>
    NotFound,

    /// <summary>The reserve is not a whole number of percent from 0 to <see cref="PlanningService.MaxReservePercent"/>.</summary>
    ReserveInvalid,

    /// <summary>No site of the commune has an active device.</summary>
    NoSites,
}

/// <summary>The outcome and, when done, the plan: finish date, lower bound, unscheduled members, predicted waits.</summary>
public sealed record PlanRunResult(PlanRunOutcome Outcome, PlanResult? Plan = null)
{
    public bool Succeeded => Outcome == PlanRunOutcome.Done;

    public string Message => Outcome switch
    {
        PlanRunOutcome.ReserveInvalid => Resources.Ui.Msg_planning_reserve,
        PlanRunOutcome.NoSites => Resources.Ui.Msg_planning_no_sites,
        PlanRunOutcome.NotFound => Resources.Ui.Msg_slot_not_found,
        _ => string.Empty,
    };
}

/// <summary>
/// Plans the user's commune from its own data — sites, hours, active devices, and each cell's eligible
/// members without an application — and stores the slots. Re-planning keeps slots that have begun,
/// slots made by hand, and the members already captured.
/// </summary>
public sealed class PlanningService(IDbContextFactory<AppDbContext> factory, CurrentUser user, VietnamTime time, TimeProvider clock)
{
    public const int MaxReservePercent = 50;

    /// <summary>
    /// Plans the commune. A reserve given here (0–50 % of device time kept free for walk-ins) is remembered
    /// for the commune's next plans; without one the last reserve applies.
    /// </summary>
    public async Task<PlanRunResult> PlanAsync(int? reservePercent = null, CancellationToken cancellationToken = default)
    {
        if (!CanPlan || user.CommuneId is not { } communeId)
        {
            return new PlanRunResult(PlanRunOutcome.NotFound);
        }

        if (reservePercent is < 0 or > MaxReservePercent)
        {
            return new PlanRunResult(PlanRunOutcome.ReserveInvalid);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var commune = await db.Communes.AsNoTracking()
            .Where(c => c.Id == communeId)
            .Select(c => new { Deadline = c.Deadline ?? c.Province!.Deadline, c.Province!.CampaignStart, c.WalkInReservePercent })
            .FirstAsync(cancellationToken);
        var reserve = reservePercent ?? commune.WalkInReservePercent;
        var sites = await db.IntakeSites.AsNoTracking().Include(s => s.Devices).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var planSites = sites
            .Where(s => s.Devices.Any(d => d.IsActive))
            .Select(s => s.Schedule.ToPlanSite(s.Id.ToString(CultureInfo.InvariantCulture), s.Devices.Count(d => d.IsActive)))
            .ToList();
        if (planSites.Count == 0)
        {
            return new PlanRunResult(PlanRunOutcome.NoSites);
        }

        var now = time.Now.DateTime;

        // Today's slots stand; the new plan starts tomorrow (or on the campaign's first day).
        var start = DateOnly.FromDateTime(now).AddDays(1);
        if (commune.CampaignStart is { } campaignStart && campaignStart > start)
        {
            start = campaignStart;
        }

        // One transaction: the future plan is replaced as a whole or not at all. A transient fault repeats it
        // from the start, and a repeat after a commit whose answer was lost simply plans the same again.
        var result = await db.RunAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.ScheduleSlots.Where(s => !s.IsManual && s.Start >= start.ToDateTime(TimeOnly.MinValue)).ExecuteDeleteAsync(ct);
                var waiting = await WaitingMembers.ByCellAsync(db, now, null, ct);
                var cells = (await db.PartyCells.AsNoTracking().ToListAsync(ct))
                    .OrderBy(c => c.Name, Components.Labels.NameOrder)
                    .Select(c => new PlanCell(c.Id.ToString(CultureInfo.InvariantCulture), waiting.GetValueOrDefault(c.Id)?.Count ?? 0, Windows(c.Availability)))
                    .Where(c => c.Members > 0)
                    .ToList();

                var minutes = sites.Where(s => s.Devices.Any(d => d.IsActive)).Max(s => s.MinutesPerMember);
                var plan = Planner.Plan(new PlanRequest(start, commune.Deadline, minutes, reserve, planSites, cells));
                if (reserve != commune.WalkInReservePercent)
                {
                    await db.Communes.Where(c => c.Id == communeId).ExecuteUpdateAsync(u => u.SetProperty(c => c.WalkInReservePercent, reserve), ct);
                }

                var createdAt = clock.GetUtcNow().UtcDateTime;
                foreach (var planned in plan.Slots)
                {
                    var slot = new ScheduleSlot
                    {
                        CommuneId = communeId,
                        IntakeSiteId = int.Parse(planned.Site, CultureInfo.InvariantCulture),
                        PartyCellId = int.Parse(planned.Cell, CultureInfo.InvariantCulture),
                        Start = planned.Start,
                        End = planned.End,
                        Members = planned.Members,
                        CreatedAt = createdAt,
                    };
                    var queue = waiting[slot.PartyCellId];
                    for (var i = 0; i < planned.Members; i++)
                    {
                        slot.Expected.Add(new SlotMember { MemberId = queue.Dequeue(), CommuneId = communeId });
                    }

                    db.ScheduleSlots.Add(slot);
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return plan;
            },
            cancellationToken);

        // The finish and "on time" said after planning are the commune's one forecast (docs/reports.md), read from the
        // plan just stored: the daily report and the province dashboard show the same date for the same data.
        var figures = await ProgressFigures.CommuneAsync(db, communeId, DateOnly.FromDateTime(now), now, cancellationToken);
        return new PlanRunResult(PlanRunOutcome.Done, result with { FinishDate = figures?.ForecastFinish, MeetsDeadline = figures?.OnTime ?? false });
    }

    /// <summary>The lead and the committee plan; officers only read the calendar.</summary>
    public bool CanPlan => user.CommuneId is not null && (user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.WardCommittee));

    public async Task<int> ReservePercentAsync(CancellationToken cancellationToken = default)
    {
        if (user.CommuneId is null)
        {
            return 0;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Communes.Where(c => c.Id == user.CommuneId).Select(c => c.WalkInReservePercent).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SlotRow>> SlotsAsync(DateOnly from, int days, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var since = from.ToDateTime(TimeOnly.MinValue);
        var until = from.AddDays(days).ToDateTime(TimeOnly.MinValue);
        return await db.ScheduleSlots.AsNoTracking()
            .Where(s => s.Start >= since && s.Start < until)
            .OrderBy(s => s.Start).ThenBy(s => s.IntakeSite!.Name)
            .Select(s => new SlotRow(s.Id, s.Start, s.End, s.IntakeSite!.Name, s.PartyCell!.Name, s.Members, s.IsManual, s.PartyCellId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A cell's slots from today on, with the cell's name; null for a cell outside the user's commune.</summary>
    public async Task<(string Name, IReadOnlyList<SlotRow> Slots)?> CellSlotsAsync(int cellId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var name = await db.PartyCells.AsNoTracking().Where(c => c.Id == cellId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }

        var since = time.Today.ToDateTime(TimeOnly.MinValue);
        var slots = await db.ScheduleSlots.AsNoTracking()
            .Where(s => s.PartyCellId == cellId && s.Start >= since)
            .OrderBy(s => s.Start)
            .Select(s => new SlotRow(s.Id, s.Start, s.End, s.IntakeSite!.Name + (s.IntakeSite.Address == null ? string.Empty : ", " + s.IntakeSite.Address), name, s.Members, s.IsManual, s.PartyCellId))
            .ToListAsync(cancellationToken);
        return (name, slots);
    }

    internal static HashSet<AvailabilityWindow> Windows(CellAvailability availability) => availability switch
    {
        CellAvailability.WorkingHours => [AvailabilityWindow.WeekdayDaytime],
        CellAvailability.Evenings => [AvailabilityWindow.WeekdayEvening],
        CellAvailability.Weekends => [AvailabilityWindow.Weekend],
        _ => [AvailabilityWindow.WeekdayDaytime, AvailabilityWindow.WeekdayEvening, AvailabilityWindow.Weekend],
    };
}
