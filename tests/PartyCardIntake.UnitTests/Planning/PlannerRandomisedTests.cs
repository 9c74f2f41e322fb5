using PartyCardIntake.Core.Planning;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>
/// The rules hold on requests nobody would write by hand: odd hours across 17:00, closed days, days with
/// other hours, mixed availability, reserves, short horizons. The seeds are fixed, so a failure can be replayed.
/// </summary>
public class PlannerRandomisedTests
{
    private const int Seed = 20250806;
    private const int Requests = 50;

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, Requests)];

    private static readonly List<PlanRequest> Generated = Generate();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_generated_request_gets_a_plan_that_obeys_the_rules(int number)
    {
        var request = Generated[number];

        var result = Planner.Plan(request);

        PlanInvariants.Violations(request, result).Should().BeEmpty();
    }

    [Fact]
    public void The_generated_requests_cover_the_cases_that_matter()
    {
        var results = Generated.Select(Planner.Plan).ToList();

        results.Should().Contain(result => result.Unscheduled.Count > 0);
        results.Should().Contain(result => result.Unscheduled.Count == 0 && result.Slots.Count > 0);
        results.Should().Contain(result => !result.MeetsDeadline && result.Unscheduled.Count == 0);
        results.Should().Contain(result => result.Slots.GroupBy(slot => slot.Cell).Any(cell => cell.Count() > 1));
        Generated.Should().Contain(request => request.ReservePercent > 0 && request.Sites.Count > 1);
        Generated.Should().Contain(request => request.Sites.Any(site => site.SpecialHours.Values.Any(hours => hours.Count == 0)));
        Generated.Zip(results).Should().Contain(pair => pair.Second.Slots.Any(slot => OutsideWeeklyHours(pair.First, slot)));
    }

    /// <summary>A slot only a date's special hours allow: its weekday's hours do not hold it.</summary>
    private static bool OutsideWeeklyHours(PlanRequest request, PlannedSlot slot)
    {
        var site = request.Sites.Single(site => site.Name == slot.Site);
        var start = TimeOnly.FromDateTime(slot.Start);
        var end = TimeOnly.FromDateTime(slot.End);
        return !(site.Hours.GetValueOrDefault(slot.Start.DayOfWeek) ?? [])
            .Any(interval => interval.Start <= start && end <= interval.End);
    }

    private static List<PlanRequest> Generate()
    {
        var random = new Random(Seed);
        // Special days come from a generator of their own, so the rest of each request stays as it was.
        var special = new Random(Seed + 1);
        return [.. Enumerable.Range(0, Requests).Select(_ => Request(random, special))];
    }

    private static PlanRequest Request(Random random, Random special)
    {
        var start = new DateOnly(2025, 8, 1).AddDays(random.Next(31));
        var sites = Enumerable.Range(1, random.Next(1, 4)).Select(number => Site(random, special, $"Điểm {number}", start)).ToList();
        var cells = Enumerable.Range(1, random.Next(0, 41)).Select(number => Cell(random, $"Chi bộ {number}")).ToList();
        double[] minutes = [2, 2.5, 3, 4];
        double[] reserves = [0, 0, 10, 15, 20, 50];
        DateOnly? deadline = random.Next(2) == 0 ? null : start.AddDays(random.Next(31));
        DateOnly? horizon = random.Next(10) < 3 ? start.AddDays(random.Next(1, 41)) : null;
        return new PlanRequest(
            start,
            deadline,
            minutes[random.Next(minutes.Length)],
            reserves[random.Next(reserves.Length)],
            sites,
            cells,
            horizon);
    }

    private static PlanSite Site(Random random, Random special, string name, DateOnly start)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            if (random.Next(5) == 0)
            {
                continue;
            }

            hours[day] = Intervals(random);
        }

        var closed = Enumerable.Range(0, random.Next(0, 4)).Select(_ => start.AddDays(random.Next(30))).ToHashSet();

        // Longer, shorter or closed days, some on closed dates or weekdays the site does not open,
        // a few before the start or beyond a short horizon.
        var specialHours = new Dictionary<DateOnly, IReadOnlyList<OpeningInterval>>();
        for (var count = special.Next(0, 5); count > 0; count--)
        {
            specialHours[start.AddDays(special.Next(-2, 30))] = special.Next(5) == 0 ? [] : Intervals(special);
        }

        return new PlanSite(name, random.Next(1, 5), hours, closed) { SpecialHours = specialHours };
    }

    private static List<OpeningInterval> Intervals(Random random)
    {
        var intervals = new List<OpeningInterval>();
        var from = (6 * 60) + (random.Next(0, 24) * 15);
        for (var count = random.Next(1, 3); count > 0 && from < 23 * 60; count--)
        {
            // Lengths from a quarter of an hour to ten hours, so intervals often cross 17:00.
            var to = Math.Min(from + (random.Next(1, 41) * 15), (23 * 60) + 45);
            intervals.Add(new OpeningInterval(new TimeOnly(from / 60, from % 60), new TimeOnly(to / 60, to % 60)));
            from = to + (random.Next(0, 9) * 15);
        }

        return intervals;
    }

    private static PlanCell Cell(Random random, string name)
    {
        var members = random.Next(10) == 0 ? random.Next(200, 600) : random.Next(0, 151);
        var windows = new HashSet<AvailabilityWindow>();
        if (random.Next(2) == 0)
        {
            foreach (var window in Enum.GetValues<AvailabilityWindow>())
            {
                if (random.Next(3) == 0)
                {
                    windows.Add(window);
                }
            }
        }

        return new PlanCell(name, members, windows);
    }
}
