using PartyCardIntake.Core.Planning;

namespace PartyCardIntake.Core.Scheduling;

/// <summary>Why a slot may not be put at a place and time. Conflicts, capacity and availability are flags, not refusals.</summary>
public enum PlacementRefusal
{
    None,

    /// <summary>The end is not after the start.</summary>
    EndBeforeStart,

    /// <summary>The slot would be over already.</summary>
    InPast,

    /// <summary>The slot lies before the campaign's first day.</summary>
    BeforeCampaign,

    /// <summary>The slot ends after the commune's deadline.</summary>
    AfterDeadline,

    /// <summary>The slot is not inside one opening interval of the site on that date (a special day's hours count).</summary>
    OutsideHours,
}

/// <summary>
/// The rules a slot's new place and time must keep, whether it is dragged, typed or added: after now, inside the campaign
/// (first day to the commune's deadline) and inside the site's opening hours of that very date. Pure, for the service and the page.
/// </summary>
public static class SlotPlacementRules
{
    public static PlacementRefusal Check(DateTime start, DateTime end, SiteSchedule schedule, DateTime now, DateOnly? campaignStart, DateOnly? deadline)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (end <= start)
        {
            return PlacementRefusal.EndBeforeStart;
        }

        if (end <= now)
        {
            return PlacementRefusal.InPast;
        }

        if (campaignStart is { } first && DateOnly.FromDateTime(start) < first)
        {
            return PlacementRefusal.BeforeCampaign;
        }

        if (deadline is { } last && AfterDeadline(start, end, last))
        {
            return PlacementRefusal.AfterDeadline;
        }

        return ScheduleCheck.InsideHours(start, end, schedule) ? PlacementRefusal.None : PlacementRefusal.OutsideHours;
    }

    /// <summary>Whether a slot runs past the deadline's day (a slot ending at midnight after it still belongs to it).</summary>
    public static bool AfterDeadline(DateTime start, DateTime end, DateOnly deadline)
    {
        var lastMoment = end > start ? end.AddTicks(-1) : start;
        return DateOnly.FromDateTime(lastMoment) > deadline;
    }

    /// <summary>
    /// The problems one slot would have at a new place and time among the others: what the calendar shows while a slot is
    /// dragged or edited, before anything is saved. Only slots that can meet it (those of its day, at its site or of its
    /// cell) are checked, so the answer does not slow down with the length of the calendar.
    /// </summary>
    public static SlotProblem ProblemsAfterMove(
        IEnumerable<CheckedSlot> slots,
        CheckedSlot moved,
        IReadOnlyDictionary<int, CheckedSite> sites,
        IReadOnlyDictionary<int, IReadOnlySet<AvailabilityWindow>> cellWindows,
        DateOnly? deadline)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(moved);
        var from = moved.Start.Date.AddDays(-1);
        var to = moved.End.Date.AddDays(1);
        var near = new List<CheckedSlot> { moved };
        foreach (var slot in slots)
        {
            if (slot.Id != moved.Id && slot.End > from && slot.Start < to && (slot.SiteId == moved.SiteId || slot.CellId == moved.CellId))
            {
                near.Add(slot);
            }
        }

        return ScheduleCheck.Check(near, sites, cellWindows, deadline)[moved.Id];
    }
}
