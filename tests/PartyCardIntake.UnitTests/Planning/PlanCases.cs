using PartyCardIntake.Core.Planning;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>Short ways to write sites, cells and requests, and to run the planner with its rules checked.</summary>
internal static class PlanCases
{
    /// <summary>Wednesday 6 August 2025, the day the exchange began in many communes.</summary>
    public static readonly DateOnly Wednesday = new(2025, 8, 6);

    public static readonly DayOfWeek[] EveryDay = Enum.GetValues<DayOfWeek>();

    public static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static DateTime At(DateOnly date, int hour, int minute = 0) => date.ToDateTime(new TimeOnly(hour, minute));

    /// <summary>A site open the same hours ("07:00-11:30,13:30-17:00") on the given days.</summary>
    public static PlanSite Site(
        string name,
        int devices,
        string hours = "07:00-23:00",
        IEnumerable<DayOfWeek>? days = null,
        params DateOnly[] closed)
    {
        var intervals = Hours(hours);
        return new PlanSite(
            name,
            devices,
            (days ?? EveryDay).ToDictionary(day => day, _ => intervals),
            closed.ToHashSet());
    }

    /// <summary>The site with other hours ("07:00-17:00"; empty: closed) on one date.</summary>
    public static PlanSite Special(this PlanSite site, DateOnly date, string hours)
    {
        var special = new Dictionary<DateOnly, IReadOnlyList<OpeningInterval>>(site.SpecialHours) { [date] = Hours(hours) };
        return site with { SpecialHours = special };
    }

    public static IReadOnlyList<OpeningInterval> Hours(string hours) =>
        [.. hours.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var ends = part.Split('-');
            return new OpeningInterval(TimeOnly.Parse(ends[0]), TimeOnly.Parse(ends[1]));
        })];

    public static PlanCell Cell(string name, int members, params AvailabilityWindow[] windows) =>
        new(name, members, windows.ToHashSet());

    public static PlanRequest Request(
        IReadOnlyList<PlanSite> sites,
        IReadOnlyList<PlanCell> cells,
        DateOnly? start = null,
        DateOnly? deadline = null,
        double minutesPerMember = 3,
        double reservePercent = 0,
        DateOnly? horizon = null) =>
        new(start ?? Wednesday, deadline, minutesPerMember, reservePercent, sites, cells, horizon);

    /// <summary>Plans and checks every rule a plan must obey before the test looks at the details.</summary>
    public static PlanResult Plan(PlanRequest request)
    {
        var result = Planner.Plan(request);
        PlanInvariants.Violations(request, result).Should().BeEmpty();
        return result;
    }

    public static (DateTime Start, DateTime End, int Members) Shape(PlannedSlot slot) => (slot.Start, slot.End, slot.Members);
}
