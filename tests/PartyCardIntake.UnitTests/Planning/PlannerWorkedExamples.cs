using System.Diagnostics;
using System.Globalization;
using PartyCardIntake.Core.Planning;
using Xunit.Abstractions;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>
/// The two examples in docs/planning.md, printed for the record. The planning time is printed, not
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

    private PlanResult Report(string title, PlanRequest request)
    {
        // The first run pays for loading and compiling the code; the figures are for the runs after it.
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
            $"  members {request.Cells.Sum(cell => cell.Members):N0} in {request.Cells.Count} cells, start {request.StartDate:yyyy-MM-dd}, deadline {request.Deadline:yyyy-MM-dd}",
            $"  finish {result.FinishDate:yyyy-MM-dd}, lower bound {result.LowerBoundFinishDate:yyyy-MM-dd}, meets deadline {result.MeetsDeadline}",
            $"  slots {result.Slots.Count}, cells in more than one block {splitCells}, unscheduled {result.Unscheduled.Sum(cell => cell.Members)}",
            $"  waits mean {result.Waits.MeanMinutes} min, p95 {result.Waits.P95Minutes} min",
            $"  planning time median {times[TimedRuns / 2]:F2} ms, slowest {times[^1]:F2} ms over {TimedRuns} runs",
        };
        foreach (var line in lines)
        {
            output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
        }

        return result;
    }
}
