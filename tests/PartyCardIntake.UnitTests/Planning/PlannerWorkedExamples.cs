using System.Diagnostics;
using System.Globalization;
using PartyCardIntake.Core.Planning;
using Xunit.Abstractions;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>
/// The examples in docs/planning.md, printed for the record. The planning time is printed, not
/// asserted: a shared test machine is no benchmark.
/// </summary>
public class PlannerWorkedExamples(ITestOutputHelper output)
{
    private const int TimedRuns = 20;

    [Fact]
    public void Ky_Son_ward()
    {
        var result = Report("Kỳ Sơn (1,789 members, 54 cells, 1 device, 07:00–23:00)", WardShapes.KySon());

        result.MeetsDeadline.Should().BeTrue();
    }

    [Fact]
    public void Large_ward()
    {
        var request = WardShapes.LargeWard(members: 19_000, cells: 285, deadline: new DateOnly(2025, 8, 31));

        var result = Report("Large ward (19,000 members, 285 cells, 3 + 4 devices, 07:00–21:00)", request);

        result.MeetsDeadline.Should().BeTrue();
    }

    [Fact]
    public void Design_target_of_twenty_thousand_members()
    {
        var result = Report("Design target (20,000 members, 300 cells, 3 + 4 devices, 07:00–21:00)", WardShapes.LargeWard(20_000, 300));

        result.Unscheduled.Should().BeEmpty();
    }

    [Fact]
    public void Design_target_with_special_days()
    {
        var request = WardShapes.WithSpecialDays(WardShapes.LargeWard(20_000, 300));

        var result = Report("Design target with a long Saturday, a closed day and a short day", request);

        result.Unscheduled.Should().BeEmpty();
    }

    [Fact]
    public void Large_ward_planned_at_two_and_a_half_minutes_a_member()
    {
        // Capture takes 2–3 minutes; planning on 2.5 fills the days tighter and members queue at the desk.
        var request = WardShapes.LargeWard(members: 19_000, cells: 285, deadline: new DateOnly(2025, 8, 31)) with { MinutesPerMember = 2.5 };

        var result = Report("Large ward at 2.5 min a member", request);

        result.Waits.MeanMinutes.Should().BeGreaterThan(0);
    }

    private PlanResult Report(string title, PlanRequest request)
    {
        // The first run pays for loading and compiling the code; the median is for the runs after it.
        var cold = Stopwatch.StartNew();
        Planner.Plan(request);
        cold.Stop();
        var result = PlanCases.Plan(request);
        var times = new List<double>();
        for (var run = 0; run < TimedRuns; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            Planner.Plan(request);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var splitCells = result.Slots.GroupBy(slot => slot.Cell).Count(cell => cell.Count() > 1);
        var lines = new FormattableString[]
        {
            $"{title}",
            $"  members {request.Cells.Sum(cell => cell.Members):N0} in {request.Cells.Count} cells, start {request.StartDate:yyyy-MM-dd}, deadline {(request.Deadline is { } deadline ? deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none")}",
            $"  last slot ends {result.Slots.Max(slot => slot.End):yyyy-MM-dd HH:mm}; members a day {string.Join(" ", result.Slots.GroupBy(slot => slot.Start.Date).Select(day => day.Sum(slot => slot.Members)))}",
            $"  finish {result.FinishDate:yyyy-MM-dd}, lower bound {result.LowerBoundFinishDate:yyyy-MM-dd}, meets deadline {result.MeetsDeadline}",
            $"  slots {result.Slots.Count}, cells in more than one block {splitCells}, unscheduled {result.Unscheduled.Sum(cell => cell.Members)}",
            $"  waits mean {result.Waits.MeanMinutes} min, p95 {result.Waits.P95Minutes} min",
            $"  planning time first run {cold.Elapsed.TotalMilliseconds:F1} ms, then median {times[TimedRuns / 2]:F2} ms, slowest {times[^1]:F2} ms over {TimedRuns} runs",
        };
        foreach (var line in lines)
        {
            output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
        }

        return result;
    }
}
