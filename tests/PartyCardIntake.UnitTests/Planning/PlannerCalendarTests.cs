using PartyCardIntake.Core.Planning;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>Closed days, deadlines and the horizon. The sites hold 200 members a day (07:00–17:00, one device, 3 minutes).</summary>
public class PlannerCalendarTests
{
    private static readonly DateOnly Monday = new(2025, 8, 4);

    [Fact]
    public void Nothing_is_planned_on_a_closed_date_and_the_cell_continues_the_next_open_day()
    {
        var holiday = Wednesday.AddDays(1);
        var request = Request([Site("Trụ sở", 1, "07:00-17:00", closed: holiday)], [Cell("Chi bộ 1", 300)]);

        var result = Plan(request);

        result.Slots.Select(slot => DateOnly.FromDateTime(slot.Start)).Should().Equal(Wednesday, Wednesday.AddDays(2));
        result.LowerBoundFinishDate.Should().Be(Wednesday.AddDays(2));
    }

    [Fact]
    public void Weekdays_missing_from_the_hours_are_closed()
    {
        var request = Request(
            [Site("Trụ sở", 1, "07:00-17:00", [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday])],
            [Cell("Chi bộ 1", 500)],
            start: Monday);

        var result = Plan(request);

        result.Slots.Select(slot => (DateOnly.FromDateTime(slot.Start), slot.Members)).Should().Equal(
            (Monday, 200), (Monday.AddDays(2), 200), (Monday.AddDays(4), 100));
        result.FinishDate.Should().Be(Monday.AddDays(4));
        result.LowerBoundFinishDate.Should().Be(Monday.AddDays(4));
    }

    [Fact]
    public void An_impossible_deadline_is_reported_missed_with_the_finish_after_it_and_the_capacity_bound()
    {
        var friday = Wednesday.AddDays(2);
        var request = Request(
            [Site("Trụ sở", 1, "07:00-17:00", Weekdays)],
            [Cell("Chi bộ 1", 400), Cell("Chi bộ 2", 350), Cell("Chi bộ 3", 250)],
            deadline: friday);

        var result = Plan(request);

        // 1,000 members at 200 a working day: Wednesday to Friday, then Monday and Tuesday.
        result.MeetsDeadline.Should().BeFalse();
        result.Unscheduled.Should().BeEmpty();
        result.FinishDate.Should().Be(Wednesday.AddDays(6));
        result.LowerBoundFinishDate.Should().Be(Wednesday.AddDays(6));
        result.FinishDate.Should().BeAfter(friday);
    }

    [Fact]
    public void A_deadline_on_the_finish_day_is_met()
    {
        var request = Request([Site("Trụ sở", 1, "07:00-17:00")], [Cell("Chi bộ 1", 400)], deadline: Wednesday.AddDays(1));

        var result = Plan(request);

        result.FinishDate.Should().Be(Wednesday.AddDays(1));
        result.MeetsDeadline.Should().BeTrue();
    }

    [Fact]
    public void Members_not_placed_before_the_horizon_are_unscheduled()
    {
        var horizon = Wednesday.AddDays(2);
        var request = Request([Site("Trụ sở", 1, "07:00-17:00")], [Cell("Chi bộ 1", 300), Cell("Chi bộ 2", 200)], horizon: horizon);

        var result = Plan(request);

        result.Slots.Should().OnlyContain(slot => slot.Start < horizon.ToDateTime(TimeOnly.MinValue));
        result.Slots.Sum(slot => slot.Members).Should().Be(400);
        result.Unscheduled.Should().Equal(new UnscheduledCell("Chi bộ 2", 100));
        result.MeetsDeadline.Should().BeFalse();
        result.LowerBoundFinishDate.Should().BeNull("the capacity before the horizon does not reach all members");
    }

    [Fact]
    public void Without_a_horizon_planning_stops_sixty_days_after_the_deadline()
    {
        var request = Request([Site("Trụ sở", 1, "07:00-17:00")], [Cell("Chi bộ 1", 200 * 70)], deadline: Wednesday);

        var result = Plan(request);

        Planner.HorizonOf(request).Should().Be(Wednesday.AddDays(60));
        result.FinishDate.Should().Be(Wednesday.AddDays(59));
        result.Unscheduled.Should().Equal(new UnscheduledCell("Chi bộ 1", 200 * 10));
    }

    [Fact]
    public void Without_a_deadline_or_horizon_planning_covers_366_days()
    {
        var request = Request([Site("Trụ sở", 1, "07:00-17:00")], [Cell("Chi bộ 1", 80_000)]);

        var result = Plan(request);

        Planner.HorizonOf(request).Should().Be(Wednesday.AddDays(366));
        result.FinishDate.Should().Be(Wednesday.AddDays(365));
        result.Unscheduled.Should().Equal(new UnscheduledCell("Chi bộ 1", 80_000 - (366 * 200)));
        result.MeetsDeadline.Should().BeFalse();
    }

    [Fact]
    public void Without_a_deadline_a_complete_plan_meets_it()
    {
        var result = Plan(Request([Site("Trụ sở", 1, "07:00-17:00")], [Cell("Chi bộ 1", 1000)]));

        result.MeetsDeadline.Should().BeTrue();
        result.FinishDate.Should().Be(Wednesday.AddDays(4));
    }

    [Fact]
    public void The_lower_bound_ignores_availability_while_the_plan_cannot()
    {
        var request = Request(
            [Site("Trụ sở", 1, "07:00-17:00")],
            [Cell("Học sinh", 400, AvailabilityWindow.Weekend)]);

        var result = Plan(request);

        // Two days of capacity are enough on paper, but the members can only come on Saturday and Sunday.
        result.LowerBoundFinishDate.Should().Be(Wednesday.AddDays(1));
        result.FinishDate.Should().Be(Wednesday.AddDays(4));
    }
}
