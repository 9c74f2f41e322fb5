namespace PartyCardIntake.Core.Planning;

/// <summary>
/// Allocates party cells to slots at the intake sites, cell after cell ("cuốn chiếu"), and says when the
/// commune will finish. See docs/planning.md for the rules.
/// </summary>
public static class Planner
{
    /// <summary>Planning goes on this long after the deadline before the rest is reported as unscheduled.</summary>
    public const int DaysAfterDeadline = 60;

    /// <summary>Without a deadline, planning covers this many days from the start.</summary>
    public const int DaysWithoutDeadline = 366;

    public static PlanResult Plan(PlanRequest request)
    {
        PlanValidation.Validate(request);
        var horizon = HorizonOf(request);
        var reserveShare = request.ReservePercent / 100;
        var sites = request.Sites
            .Select((site, index) => new SiteCalendar(site, index, request.MinutesPerMember, reserveShare, request.StartDate, horizon))
            .ToArray();
        var cells = new CellQueue(request.Cells, sites);
        var totalMembers = cells.RemainingMembers;

        var slots = Allocate(request.StartDate, horizon, sites, cells);

        var unscheduled = new List<UnscheduledCell>();
        for (var index = 0; index < request.Cells.Count; index++)
        {
            if (cells.Remaining(index) > 0)
            {
                unscheduled.Add(new UnscheduledCell(request.Cells[index].Name, cells.Remaining(index)));
            }
        }

        DateOnly? finish = slots.Count == 0 ? null : DateOnly.FromDateTime(slots.Max(slot => slot.End));
        var meetsDeadline = unscheduled.Count == 0
            && (request.Deadline is not { } deadline || finish is not { } day || day <= deadline);

        return new PlanResult(
            slots,
            finish,
            meetsDeadline,
            CapacityBound.FinishDate(request.StartDate, horizon, sites, totalMembers),
            unscheduled,
            WaitSimulation.Run(slots, sites));
    }

    /// <summary>The first day that is no longer planned.</summary>
    public static DateOnly HorizonOf(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Horizon
            ?? request.Deadline?.AddDays(DaysAfterDeadline)
            ?? request.StartDate.AddDays(DaysWithoutDeadline);
    }

    /// <summary>
    /// Fills site time in the order it passes: always the site whose next free minute comes first, so that
    /// the cells' order shows in the order of their start times across all sites.
    /// </summary>
    private static List<PlannedSlot> Allocate(DateOnly start, DateOnly horizon, SiteCalendar[] sites, CellQueue cells)
    {
        var slots = new List<PlannedSlot>();
        var cursors = sites.Select(site => new SiteCursor(site, start, horizon)).ToArray();
        var guard = new FinishGuard(sites, start, horizon, cells);
        // Once nobody left can come in any window a site serves, walking on to the horizon would change nothing.
        var usable = Enum.GetValues<AvailabilityWindow>()
            .Where(window => sites.Any(site => site.LargestBlock(window) > 0))
            .ToArray();
        while (cells.RemainingMembers > 0 && cells.AnyWaiting(usable))
        {
            SiteCursor? next = null;
            foreach (var cursor in cursors)
            {
                if (cursor.HasPiece && (next is null || cursor.Now < next.Now))
                {
                    next = cursor;
                }
            }

            if (next is null)
            {
                break;
            }

            var piece = next.Piece;
            var room = next.Site.Fit(piece.EndMinute - next.Minute);
            guard.Update(cursors, cells, next);
            var cell = room > 0 ? cells.Choose(piece.Window, room, guard) : -1;
            if (cell < 0)
            {
                next.SkipPiece();
                continue;
            }

            var members = Math.Min(cells.Remaining(cell), room);
            var minutes = next.Site.Minutes(members);
            var day = next.Date.ToDateTime(TimeOnly.MinValue);
            slots.Add(new PlannedSlot(
                next.Site.Site.Name,
                cells.Cells[cell].Name,
                day.AddMinutes(next.Minute),
                day.AddMinutes(next.Minute + minutes),
                members));
            cells.Take(cell, members);
            next.Advance(minutes);
        }

        return slots;
    }
}
