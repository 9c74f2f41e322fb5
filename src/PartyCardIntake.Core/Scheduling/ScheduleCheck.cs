using PartyCardIntake.Core.Planning;

namespace PartyCardIntake.Core.Scheduling;

/// <summary>What is wrong with a stored slot, once people have moved, split or added slots by hand.</summary>
[Flags]
public enum SlotProblem
{
    None = 0,

    /// <summary>Not inside one opening interval of its site on that date (closed day, break, after hours).</summary>
    OutsideHours = 1,

    /// <summary>Outside the windows in which the cell's members can come.</summary>
    OutsideAvailability = 2,

    /// <summary>Overlaps another slot at the same site.</summary>
    Overlap = 4,

    /// <summary>The same cell is expected at two places at once.</summary>
    CellClash = 8,

    /// <summary>More members than the site's devices can serve in the time the slots give.</summary>
    OverCapacity = 16,

    /// <summary>Ends after the commune's deadline (the campaign's last day).</summary>
    AfterDeadline = 32,
}

public sealed record CheckedSite(int Id, int Devices, double MinutesPerMember, SiteSchedule Schedule);

public sealed record CheckedSlot(int Id, int SiteId, int CellId, DateTime Start, DateTime End, int Members);

/// <summary>
/// Flags the problems of a set of slots against their sites' hours and capacity and their cells'
/// availability. Pure: the calendar page and the tests give it what the database holds.
/// </summary>
public static class ScheduleCheck
{
    public static IReadOnlyDictionary<int, SlotProblem> Check(
        IReadOnlyList<CheckedSlot> slots,
        IReadOnlyDictionary<int, CheckedSite> sites,
        IReadOnlyDictionary<int, IReadOnlySet<AvailabilityWindow>> cellWindows,
        DateOnly? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(cellWindows);
        var problems = slots.ToDictionary(s => s.Id, _ => SlotProblem.None);
        foreach (var slot in slots)
        {
            if (!sites.TryGetValue(slot.SiteId, out var site) || !InsideHours(slot.Start, slot.End, site.Schedule))
            {
                problems[slot.Id] |= SlotProblem.OutsideHours;
            }

            if (deadline is { } last && SlotPlacementRules.AfterDeadline(slot.Start, slot.End, last))
            {
                problems[slot.Id] |= SlotProblem.AfterDeadline;
            }

            var windows = cellWindows.GetValueOrDefault(slot.CellId);
            if (windows is { Count: > 0 } && !InsideWindows(slot.Start, slot.End, windows))
            {
                problems[slot.Id] |= SlotProblem.OutsideAvailability;
            }
        }

        foreach (var atSite in slots.GroupBy(s => s.SiteId))
        {
            var ordered = InTimeOrder(atSite);
            FlagOverlaps(ordered, problems, SlotProblem.Overlap, (_, _) => true);
            if (sites.TryGetValue(atSite.Key, out var site))
            {
                FlagOverCapacity(ordered, site, problems);
            }
        }

        foreach (var ofCell in slots.GroupBy(s => s.CellId))
        {
            FlagOverlaps(InTimeOrder(ofCell), problems, SlotProblem.CellClash, (a, b) => a.SiteId != b.SiteId);
        }

        return problems;
    }

    /// <summary>Whether a cell with these windows can come during the whole of a period (an empty set means any time).</summary>
    public static bool InsideWindows(DateTime start, DateTime end, IReadOnlySet<AvailabilityWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return true;
        }

        // Walk the period in pieces that each lie in a single window: days, and 17:00 on weekdays.
        var at = start;
        while (at < end)
        {
            var dayEnd = at.Date.AddDays(1);
            var window = WindowAt(at);
            var pieceEnd = window == AvailabilityWindow.WeekdayDaytime ? at.Date.AddMinutes(SiteCalendar.EveningStartMinute) : dayEnd;
            if (!windows.Contains(window))
            {
                return false;
            }

            at = pieceEnd < end ? pieceEnd : end;
        }

        return true;
    }

    // The planner's own rule, so that a slot it makes is never flagged.
    public static AvailabilityWindow WindowAt(DateTime at) => SiteCalendar.WindowOf(at.DayOfWeek, (int)at.TimeOfDay.TotalMinutes);

    /// <summary>Whether a period lies inside one opening interval of the site on its date (a special day's own hours count).</summary>
    public static bool InsideHours(DateTime start, DateTime end, SiteSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (end <= start || end.Date != start.Date && end != start.Date.AddDays(1))
        {
            return false;
        }

        var from = TimeOnly.FromDateTime(start);
        var to = end.TimeOfDay == TimeSpan.Zero && end > start ? TimeOnly.MaxValue : TimeOnly.FromDateTime(end);
        return schedule.On(DateOnly.FromDateTime(start)).Any(i => i.Start <= from && to <= EndOf(i));
    }

    private static TimeOnly EndOf(OpeningInterval interval) => interval.End == TimeOnly.MinValue ? TimeOnly.MaxValue : interval.End;

    private static List<CheckedSlot> InTimeOrder(IEnumerable<CheckedSlot> slots) => slots.OrderBy(s => s.Start).ThenBy(s => s.End).ToList();

    /// <summary>Flags both slots of every overlapping pair that <paramref name="counts"/> (slots in time order).</summary>
    private static void FlagOverlaps(List<CheckedSlot> ordered, Dictionary<int, SlotProblem> problems, SlotProblem flag, Func<CheckedSlot, CheckedSlot, bool> counts)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            for (var j = i + 1; j < ordered.Count && ordered[j].Start < ordered[i].End; j++)
            {
                if (counts(ordered[i], ordered[j]))
                {
                    problems[ordered[i].Id] |= flag;
                    problems[ordered[j].Id] |= flag;
                }
            }
        }
    }

    /// <summary>
    /// Slots that overlap form a group; the group's members need members × minutes of device time, and the
    /// site has devices × the group's span. A lone slot is a group of one.
    /// </summary>
    private static void FlagOverCapacity(List<CheckedSlot> ordered, CheckedSite site, Dictionary<int, SlotProblem> problems)
    {
        var group = new List<CheckedSlot>();
        var groupEnd = DateTime.MinValue;
        foreach (var slot in ordered.Append(null))
        {
            if (slot is null || (group.Count > 0 && slot.Start >= groupEnd))
            {
                var span = (groupEnd - group[0].Start).TotalMinutes;
                var need = group.Sum(s => s.Members) * site.MinutesPerMember;

                // Half a minute of tolerance: slots are cut to whole minutes, the planner rounds up.
                if (need > (site.Devices * span) + 0.5)
                {
                    foreach (var s in group)
                    {
                        problems[s.Id] |= SlotProblem.OverCapacity;
                    }
                }

                group.Clear();
                if (slot is null)
                {
                    break;
                }
            }

            if (group.Count == 0 || slot.End > groupEnd)
            {
                groupEnd = slot.End;
            }

            group.Add(slot);
        }
    }
}
