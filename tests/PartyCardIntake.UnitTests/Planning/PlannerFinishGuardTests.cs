using PartyCardIntake.Core.Planning;
using static PartyCardIntake.Core.Planning.AvailabilityWindow;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>
/// The order of cells gives way only when keeping it would cost days: a site open 07:00–17:00 every day
/// holds 200 members a day; the last cell can come only in working hours.
/// </summary>
public class PlannerFinishGuardTests
{
    private static readonly PlanSite EveryDay = Site("Trụ sở", 1, "07:00-17:00");

    private static readonly PlanCell[] Cells =
        [Cell("A", 200), Cell("B", 200), Cell("C", 200), Cell("Cơ quan", 200, WeekdayDaytime)];

    [Fact]
    public void A_working_hours_cell_is_brought_forward_when_the_weekend_would_otherwise_leave_it_for_monday()
    {
        var thursday = new DateOnly(2025, 8, 7);

        var result = Plan(Request([EveryDay], Cells, start: thursday));

        // In strict order A, B and C would take Thursday to Saturday, Sunday would stand idle and the
        // working-hours cell would come on Monday.
        result.Slots.Select(slot => (slot.Cell, DateOnly.FromDateTime(slot.Start))).Should().Equal(
            ("A", thursday),
            ("Cơ quan", thursday.AddDays(1)),
            ("B", thursday.AddDays(2)),
            ("C", thursday.AddDays(3)));
        result.FinishDate.Should().Be(result.LowerBoundFinishDate);
    }

    [Fact]
    public void A_cell_that_can_never_come_does_not_stop_the_order_giving_way_for_the_others()
    {
        var thursday = new DateOnly(2025, 8, 7);

        var result = Plan(Request([EveryDay], [.. Cells, Cell("Công nhân", 30, WeekdayEvening)], start: thursday));

        result.Unscheduled.Should().Equal(new UnscheduledCell("Công nhân", 30));
        result.Slots.Select(slot => slot.Cell).Should().Equal("A", "Cơ quan", "B", "C");
    }

    [Fact]
    public void The_order_is_kept_when_the_restricted_cell_still_has_its_working_day_afterwards()
    {
        var monday = new DateOnly(2025, 8, 4);

        var result = Plan(Request([EveryDay], Cells, start: monday));

        result.Slots.Select(slot => (slot.Cell, DateOnly.FromDateTime(slot.Start))).Should().Equal(
            ("A", monday),
            ("B", monday.AddDays(1)),
            ("C", monday.AddDays(2)),
            ("Cơ quan", monday.AddDays(3)));
    }

    [Fact]
    public void When_availability_itself_rules_out_the_capacity_bound_the_order_is_kept()
    {
        var thursday = new DateOnly(2025, 8, 7);
        var weekdays = Site("Trụ sở", 1, "07:00-17:00", Weekdays);

        var result = Plan(Request([weekdays], [Cell("A", 200), Cell("Cơ quan", 200, WeekdayDaytime)], start: thursday));

        result.Slots.Select(slot => slot.Cell).Should().Equal("A", "Cơ quan");
    }
}
