namespace PartyCardIntake.Core.Planning;

/// <summary>When a party cell's members can come: weekdays before 17:00, weekdays from 17:00, or Saturday and Sunday.</summary>
public enum AvailabilityWindow
{
    WeekdayDaytime = 1,
    WeekdayEvening = 2,
    Weekend = 3,
}

/// <summary>An opening interval within one day, local time; <see cref="End"/> after <see cref="Start"/>.</summary>
public sealed record OpeningInterval(TimeOnly Start, TimeOnly End);

/// <summary>
/// An intake site as the planner sees it: devices, weekly hours (a missing weekday is closed), closed dates,
/// and <see cref="SpecialHours"/>: dates open at other hours (a longer or shorter day), which replace that
/// date's weekly hours. A closed date stays closed whatever its special hours; empty special hours close it too.
/// </summary>
public sealed record PlanSite(
    string Name,
    int Devices,
    IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Hours,
    IReadOnlySet<DateOnly> ClosedDates)
{
    private static readonly IReadOnlyDictionary<DateOnly, IReadOnlyList<OpeningInterval>> NoSpecialHours =
        new Dictionary<DateOnly, IReadOnlyList<OpeningInterval>>();

    public IReadOnlyDictionary<DateOnly, IReadOnlyList<OpeningInterval>> SpecialHours { get; init; } = NoSpecialHours;
}

/// <summary>A party cell to schedule: how many eligible, not yet captured members, and when they can come (empty: any time).</summary>
public sealed record PlanCell(string Name, int Members, IReadOnlySet<AvailabilityWindow> Availability);

/// <summary>
/// What to plan. <see cref="ReservePercent"/> (0–90) keeps that share of device time free for walk-ins.
/// Planning stops at <see cref="Horizon"/> (default: deadline + 60 days, or start + 366 days); members not
/// placed by then are reported as unscheduled.
/// </summary>
public sealed record PlanRequest(
    DateOnly StartDate,
    DateOnly? Deadline,
    double MinutesPerMember,
    double ReservePercent,
    IReadOnlyList<PlanSite> Sites,
    IReadOnlyList<PlanCell> Cells,
    DateOnly? Horizon = null);

/// <summary>One cell's block of members at one site; local times without offset.</summary>
public sealed record PlannedSlot(string Site, string Cell, DateTime Start, DateTime End, int Members);

public sealed record UnscheduledCell(string Cell, int Members);

/// <summary>Expected waiting time at the desk from a queue simulation over all slots.</summary>
public sealed record WaitStats(double MeanMinutes, double P95Minutes);

/// <summary>
/// The plan. <see cref="FinishDate"/> is the day of the last slot (null when nothing is scheduled);
/// <see cref="LowerBoundFinishDate"/> is the earliest day on which all members could be done if every
/// minute of device time were used, ignoring cell availability.
/// </summary>
public sealed record PlanResult(
    IReadOnlyList<PlannedSlot> Slots,
    DateOnly? FinishDate,
    bool MeetsDeadline,
    DateOnly? LowerBoundFinishDate,
    IReadOnlyList<UnscheduledCell> Unscheduled,
    WaitStats Waits);
