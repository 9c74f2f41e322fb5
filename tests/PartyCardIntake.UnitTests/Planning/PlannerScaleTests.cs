using PartyCardIntake.Core.Planning;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>Commune-sized plans come within a day of what the devices could do at best.</summary>
public class PlannerScaleTests
{
    [Fact]
    public void Twenty_thousand_members_in_300_cells_finish_within_one_day_of_the_capacity_bound()
    {
        var request = WardShapes.LargeWard(members: 20_000, cells: 300);

        var result = Plan(request);

        result.Unscheduled.Should().BeEmpty();
        result.LowerBoundFinishDate.Should().NotBeNull();
        result.FinishDate.Should().BeOnOrBefore(result.LowerBoundFinishDate!.Value.AddDays(1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Other_large_wards_of_mixed_availability_also_finish_within_one_day_of_the_bound(int seed)
    {
        var request = WardShapes.LargeWard(members: 20_000, cells: 300, seed: seed);

        var result = Plan(request);

        result.Unscheduled.Should().BeEmpty();
        result.FinishDate.Should().BeOnOrBefore(result.LowerBoundFinishDate!.Value.AddDays(1));
    }

    [Fact]
    public void Special_days_at_that_scale_keep_the_plan_within_one_day_of_the_bound()
    {
        var plain = WardShapes.LargeWard(members: 20_000, cells: 300);
        var request = WardShapes.WithSpecialDays(plain);

        var result = Plan(request);

        result.Unscheduled.Should().BeEmpty();
        result.FinishDate.Should().BeOnOrBefore(result.LowerBoundFinishDate!.Value.AddDays(1));
        // The long Saturday is used from 06:00 to 22:00 instead of 07:00 to 21:00.
        var saturday = WardShapes.Start.AddDays(3);
        result.Slots.Should().Contain(slot => slot.Start == At(saturday, 6));
        result.Slots.Should().Contain(slot => slot.End > At(saturday, 21) && slot.End <= At(saturday, 22));
    }

    [Fact]
    public void Ky_Son_finishes_in_six_days_at_one_device_sixteen_hours_a_day()
    {
        var request = WardShapes.KySon();

        var result = Plan(request);

        // 1,789 members × 3 min / 960 min a day = 5.6 days: Wednesday 6 to Monday 11 August.
        request.Cells.Sum(cell => cell.Members).Should().Be(1789);
        request.Cells.Should().HaveCount(54);
        result.FinishDate.Should().Be(new DateOnly(2025, 8, 11));
        result.LowerBoundFinishDate.Should().Be(new DateOnly(2025, 8, 11));
        result.MeetsDeadline.Should().BeTrue();
        result.Unscheduled.Should().BeEmpty();
    }

    [Fact]
    public void Ky_Son_keeps_most_cells_in_one_block()
    {
        var result = Plan(WardShapes.KySon());

        var blocks = result.Slots.GroupBy(slot => slot.Cell).Select(cell => cell.Count()).ToList();
        // Each full piece of site time before the finish (two a weekday, cut at 17:00, one a weekend day:
        // eight from Wednesday to Sunday) can force at most one cell to be cut at its end.
        blocks.Count(count => count > 1).Should().BeLessThanOrEqualTo(8);
        blocks.Should().OnlyContain(count => count <= 2);
    }

    [Fact]
    public void Cells_start_in_the_given_order_give_or_take_the_look_ahead()
    {
        var request = WardShapes.KySon();

        var result = Plan(request);

        var order = request.Cells.Select((cell, index) => (cell.Name, index)).ToDictionary(pair => pair.Name, pair => pair.index);
        var starts = result.Slots.GroupBy(slot => slot.Cell).OrderBy(cell => cell.Min(slot => slot.Start)).Select(cell => order[cell.Key]).ToList();
        starts.Select((position, rank) => Math.Abs(position - rank)).Should().OnlyContain(shift => shift <= CellQueue.LookAhead);
    }
}
