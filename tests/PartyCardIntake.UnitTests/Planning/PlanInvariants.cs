using PartyCardIntake.Core.Planning;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>
/// The rules every plan must obey, checked from the request alone and computed independently of the
/// planner (decimal arithmetic, the calendar walked day by day), so that a shared mistake cannot hide.
/// </summary>
internal static class PlanInvariants
{
    private const int Evening = 17 * 60;

    public static List<string> Violations(PlanRequest request, PlanResult result)
    {
        var problems = new List<string>();
        var horizon = request.Horizon
            ?? request.Deadline?.AddDays(60)
            ?? request.StartDate.AddDays(366);
        var sites = request.Sites.ToDictionary(site => site.Name);
        var cells = request.Cells.ToDictionary(cell => cell.Name);

        foreach (var slot in result.Slots)
        {
            if (!sites.TryGetValue(slot.Site, out var site) || !cells.TryGetValue(slot.Cell, out var cell))
            {
                problems.Add($"{slot}: unknown site or cell");
                continue;
            }

            problems.AddRange(SlotPlacement(request, horizon, site, cell, slot).Select(problem => $"{slot}: {problem}"));
        }

        problems.AddRange(Capacity(request, result));
        problems.AddRange(MemberAccounting(request, result));
        problems.AddRange(NoIdleDeviceTime(request, result, horizon));
        problems.AddRange(Summary(request, result, horizon));
        return problems;
    }

    /// <summary>
    /// Rule 1: inside one opening interval of the date's hours (its special hours, if it has any) on an open
    /// day, inside one availability window of the cell.
    /// </summary>
    private static IEnumerable<string> SlotPlacement(PlanRequest request, DateOnly horizon, PlanSite site, PlanCell cell, PlannedSlot slot)
    {
        if (slot.Members <= 0)
        {
            yield return "no members";
        }

        if (slot.Start.Ticks % TimeSpan.TicksPerMinute != 0 || slot.End.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            yield return "not on whole minutes";
        }

        if (slot.End <= slot.Start || slot.End.Date != slot.Start.Date)
        {
            yield return "empty or across midnight";
            yield break;
        }

        var date = DateOnly.FromDateTime(slot.Start);
        if (date < request.StartDate || date >= horizon)
        {
            yield return "outside the planned dates";
        }

        if (site.ClosedDates.Contains(date))
        {
            yield return "on a closed date";
        }

        var start = TimeOnly.FromDateTime(slot.Start);
        var end = TimeOnly.FromDateTime(slot.End);
        var open = HoursOn(site, date).Any(interval => interval.Start <= start && end <= interval.End);
        if (!open)
        {
            yield return "not inside one opening interval";
        }

        var minuteStart = (start.Hour * 60) + start.Minute;
        var minuteEnd = (end.Hour * 60) + end.Minute;
        AvailabilityWindow? window = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? AvailabilityWindow.Weekend
            : minuteEnd <= Evening ? AvailabilityWindow.WeekdayDaytime
            : minuteStart >= Evening ? AvailabilityWindow.WeekdayEvening
            : null;
        if (window is null)
        {
            yield return "straddles 17:00";
        }
        else if (cell.Availability.Count > 0 && !cell.Availability.Contains(window.Value))
        {
            yield return $"in {window}, which the cell cannot attend";
        }
    }

    /// <summary>Rule 2: slots at a site do not overlap and last exactly what their members need, rounded up.</summary>
    private static IEnumerable<string> Capacity(PlanRequest request, PlanResult result)
    {
        foreach (var site in request.Sites)
        {
            PlannedSlot? previous = null;
            foreach (var slot in result.Slots.Where(slot => slot.Site == site.Name).OrderBy(slot => slot.Start))
            {
                if (previous is not null && slot.Start < previous.End)
                {
                    yield return $"{slot} overlaps {previous}";
                }

                var expected = SlotMinutes(request, site, slot.Members);
                if ((slot.End - slot.Start).TotalMinutes != expected)
                {
                    yield return $"{slot} lasts {(slot.End - slot.Start).TotalMinutes} min, {expected} expected";
                }

                previous = slot;
            }
        }
    }

    /// <summary>Rule 3: every member is in exactly one slot or reported unscheduled.</summary>
    private static IEnumerable<string> MemberAccounting(PlanRequest request, PlanResult result)
    {
        if (result.Unscheduled.Any(cell => cell.Members <= 0))
        {
            yield return "an unscheduled entry without members";
        }

        if (result.Unscheduled.Select(cell => cell.Cell).Distinct().Count() != result.Unscheduled.Count)
        {
            yield return "a cell reported unscheduled twice";
        }

        foreach (var cell in request.Cells)
        {
            var placed = result.Slots.Where(slot => slot.Cell == cell.Name).Sum(slot => slot.Members);
            var left = result.Unscheduled.Where(entry => entry.Cell == cell.Name).Sum(entry => entry.Members);
            if (placed + left != cell.Members)
            {
                yield return $"cell {cell.Name}: {cell.Members} members, {placed} placed and {left} unscheduled";
            }
        }
    }

    /// <summary>
    /// Rule 4, in part: no stretch of opening time long enough for one member stays empty while a member who
    /// could come then is still waiting (a cell with a slot that starts later, or with unscheduled members).
    /// </summary>
    private static IEnumerable<string> NoIdleDeviceTime(PlanRequest request, PlanResult result, DateOnly horizon)
    {
        var waitingUntil = new Dictionary<string, DateTime>();
        foreach (var cell in request.Cells)
        {
            var unscheduled = result.Unscheduled.Any(entry => entry.Cell == cell.Name);
            var slots = result.Slots.Where(slot => slot.Cell == cell.Name).ToList();
            waitingUntil[cell.Name] = unscheduled ? DateTime.MaxValue
                : slots.Count > 0 ? slots.Max(slot => slot.Start)
                : DateTime.MinValue;
        }

        var lastWaiting = waitingUntil.Values.DefaultIfEmpty(DateTime.MinValue).Max();
        foreach (var site in request.Sites)
        {
            var bySite = result.Slots.Where(slot => slot.Site == site.Name).OrderBy(slot => slot.Start).ToList();
            var oneMember = SlotMinutes(request, site, 1);
            for (var date = request.StartDate; date < horizon && date.ToDateTime(TimeOnly.MinValue) <= lastWaiting; date = date.AddDays(1))
            {
                foreach (var (from, to, window) in Pieces(date, HoursOn(site, date)))
                {
                    var cursor = from;
                    foreach (var slot in bySite.Where(slot => slot.Start >= from && slot.End <= to))
                    {
                        if ((slot.Start - cursor).TotalMinutes >= oneMember && AnyWaiting(cursor))
                        {
                            yield return $"{site.Name} idle from {cursor:g} to {slot.Start:t} while a compatible member waits";
                        }

                        cursor = slot.End;
                    }

                    if ((to - cursor).TotalMinutes >= oneMember && AnyWaiting(cursor))
                    {
                        yield return $"{site.Name} idle from {cursor:g} to {to:t} while a compatible member waits";
                    }

                    bool AnyWaiting(DateTime at) => request.Cells.Any(cell =>
                        waitingUntil[cell.Name] > at && (cell.Availability.Count == 0 || cell.Availability.Contains(window)));
                }
            }
        }
    }

    /// <summary>Rule 5 and the summary figures.</summary>
    private static IEnumerable<string> Summary(PlanRequest request, PlanResult result, DateOnly horizon)
    {
        DateOnly? finish = result.Slots.Count == 0 ? null : DateOnly.FromDateTime(result.Slots.Max(slot => slot.End));
        if (result.FinishDate != finish)
        {
            yield return $"finish date {result.FinishDate}, last slot ends {finish}";
        }

        var meets = result.Unscheduled.Count == 0 && (request.Deadline is null || finish is null || finish <= request.Deadline);
        if (result.MeetsDeadline != meets)
        {
            yield return $"meets deadline {result.MeetsDeadline}, expected {meets}";
        }

        var bound = LowerBound(request, horizon);
        if (result.LowerBoundFinishDate != bound)
        {
            yield return $"lower bound {result.LowerBoundFinishDate}, expected {bound}";
        }

        if (result.Unscheduled.Count == 0 && finish is not null && bound is not null && finish < bound)
        {
            yield return $"finishes {finish}, before the capacity bound {bound}";
        }

        if (result.Slots.Zip(result.Slots.Skip(1)).Any(pair => pair.Second.Start < pair.First.Start))
        {
            yield return "slots not in order of start";
        }

        if (result.Waits.MeanMinutes < 0 || result.Waits.P95Minutes < 0
            || (result.Slots.Count == 0 && result.Waits != new WaitStats(0, 0)))
        {
            yield return $"waits {result.Waits}";
        }
    }

    public static int SlotMinutes(PlanRequest request, PlanSite site, int members)
    {
        var exact = members * (decimal)request.MinutesPerMember
            / (site.Devices * (1 - ((decimal)request.ReservePercent / 100)));
        return (int)decimal.Ceiling(exact);
    }

    private static DateOnly? LowerBound(PlanRequest request, DateOnly horizon)
    {
        var members = request.Cells.Sum(cell => (long)cell.Members);
        if (members == 0)
        {
            return null;
        }

        var capacity = 0m;
        for (var date = request.StartDate; date < horizon; date = date.AddDays(1))
        {
            foreach (var site in request.Sites)
            {
                var minutes = Pieces(date, HoursOn(site, date)).Sum(piece => (decimal)(piece.To - piece.From).TotalMinutes);
                capacity += minutes * site.Devices * (1 - ((decimal)request.ReservePercent / 100)) / (decimal)request.MinutesPerMember;
            }

            if (capacity >= members)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>The hours that hold on a date: none when closed, else its special hours, else its weekday's.</summary>
    public static IReadOnlyList<OpeningInterval> HoursOn(PlanSite site, DateOnly date)
    {
        if (site.ClosedDates.Contains(date))
        {
            return [];
        }

        if (site.SpecialHours.TryGetValue(date, out var special))
        {
            return special;
        }

        return site.Hours.TryGetValue(date.DayOfWeek, out var weekly) ? weekly : [];
    }

    /// <summary>The day's opening intervals on whole minutes, weekdays cut at 17:00.</summary>
    private static IEnumerable<(DateTime From, DateTime To, AvailabilityWindow Window)> Pieces(DateOnly date, IReadOnlyList<OpeningInterval> intervals)
    {
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var day = date.ToDateTime(TimeOnly.MinValue);
        foreach (var interval in intervals)
        {
            var from = (int)Math.Ceiling(interval.Start.ToTimeSpan().TotalMinutes);
            var to = (int)Math.Floor(interval.End.ToTimeSpan().TotalMinutes);
            if (to <= from)
            {
                continue;
            }

            if (weekend)
            {
                yield return (day.AddMinutes(from), day.AddMinutes(to), AvailabilityWindow.Weekend);
                continue;
            }

            if (from < Evening)
            {
                yield return (day.AddMinutes(from), day.AddMinutes(Math.Min(to, Evening)), AvailabilityWindow.WeekdayDaytime);
            }

            if (to > Evening)
            {
                yield return (day.AddMinutes(Math.Max(from, Evening)), day.AddMinutes(to), AvailabilityWindow.WeekdayEvening);
            }
        }
    }
}
