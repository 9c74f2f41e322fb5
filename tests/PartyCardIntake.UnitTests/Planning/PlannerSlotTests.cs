using PartyCardIntake.Core.Planning;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

public class PlannerSlotTests
{
    [Fact]
    public void One_cell_at_one_device_gets_one_slot_as_long_as_its_members_need()
    {
        var request = Request([Site("Trụ sở", 1)], [Cell("Chi bộ 1", 35)], deadline: Wednesday.AddDays(9));

        var result = Plan(request);

        result.Slots.Should().ContainSingle().Which.Should().Be(
            new PlannedSlot("Trụ sở", "Chi bộ 1", At(Wednesday, 7), At(Wednesday, 8, 45), 35));
        result.FinishDate.Should().Be(Wednesday);
        result.LowerBoundFinishDate.Should().Be(Wednesday);
        result.MeetsDeadline.Should().BeTrue();
        result.Unscheduled.Should().BeEmpty();
    }

    [Fact]
    public void Cells_follow_one_another_without_a_gap_in_the_given_order()
    {
        var request = Request([Site("Trụ sở", 1)], [Cell("Chi bộ 1", 35), Cell("Chi bộ 2", 20), Cell("Chi bộ 3", 1)]);

        var result = Plan(request);

        result.Slots.Select(slot => (slot.Cell, slot.Start, slot.End, slot.Members)).Should().Equal(
            ("Chi bộ 1", At(Wednesday, 7), At(Wednesday, 8, 45), 35),
            ("Chi bộ 2", At(Wednesday, 8, 45), At(Wednesday, 9, 45), 20),
            ("Chi bộ 3", At(Wednesday, 9, 45), At(Wednesday, 9, 48), 1));
    }

    [Fact]
    public void A_weekday_slot_never_straddles_five_pm_so_a_cell_running_past_it_is_split_there()
    {
        var request = Request([Site("Trụ sở", 1)], [Cell("Chi bộ 1", 250)]);

        var result = Plan(request);

        result.Slots.Select(Shape).Should().Equal(
            (At(Wednesday, 7), At(Wednesday, 17), 200),
            (At(Wednesday, 17), At(Wednesday, 19, 30), 50));
    }

    [Fact]
    public void Several_devices_serve_their_share_of_a_slot_at_once()
    {
        var request = Request([Site("Trụ sở", 3)], [Cell("Chi bộ 1", 10), Cell("Chi bộ 2", 4)]);

        var result = Plan(request);

        // 10 members × 3 min over 3 devices is 10 min; 4 members is 4 min exactly, not rounded to whole members per device.
        result.Slots.Select(Shape).Should().Equal(
            (At(Wednesday, 7), At(Wednesday, 7, 10), 10),
            (At(Wednesday, 7, 10), At(Wednesday, 7, 14), 4));
    }

    [Fact]
    public void The_reserve_for_walk_ins_lengthens_every_slot()
    {
        var request = Request([Site("Trụ sở", 1)], [Cell("Chi bộ 1", 30)], reservePercent: 25);

        var result = Plan(request);

        // 30 × 3 min is 90 min of desk time; with a quarter kept for walk-ins the cell needs two hours.
        result.Slots.Select(Shape).Should().Equal((At(Wednesday, 7), At(Wednesday, 9), 30));
    }

    [Fact]
    public void A_slot_lengthened_by_the_reserve_is_rounded_up_to_a_whole_minute()
    {
        var request = Request([Site("Trụ sở", 1)], [Cell("Chi bộ 1", 35), Cell("Chi bộ 2", 1)], reservePercent: 10);

        var result = Plan(request);

        // 105 min / 0.9 = 116.7 min; rounding down would overbook the device.
        result.Slots.Select(Shape).Should().Equal(
            (At(Wednesday, 7), At(Wednesday, 8, 57), 35),
            (At(Wednesday, 8, 57), At(Wednesday, 9, 1), 1));
    }

    [Fact]
    public void The_reserve_lowers_the_daily_capacity_and_so_moves_the_lower_bound()
    {
        var cells = new[] { Cell("Chi bộ 1", 200) };
        var site = Site("Trụ sở", 1, "07:00-17:00");

        var without = Plan(Request([site], cells));
        var withReserve = Plan(Request([site], cells, reservePercent: 50));

        without.LowerBoundFinishDate.Should().Be(Wednesday);
        without.FinishDate.Should().Be(Wednesday);
        withReserve.LowerBoundFinishDate.Should().Be(Wednesday.AddDays(1));
        withReserve.FinishDate.Should().Be(Wednesday.AddDays(1));
        withReserve.Slots.Sum(slot => (slot.End - slot.Start).TotalMinutes).Should().Be(1200);
    }

    [Fact]
    public void Two_sites_work_in_parallel_taking_the_cells_in_turn()
    {
        var request = Request(
            [Site("Trụ sở", 1, "07:00-17:00"), Site("Nhà văn hoá", 1, "07:00-17:00")],
            [Cell("Chi bộ 1", 100), Cell("Chi bộ 2", 100), Cell("Chi bộ 3", 100), Cell("Chi bộ 4", 100)]);

        var result = Plan(request);

        result.Slots.Select(slot => (slot.Site, slot.Cell, slot.Start, slot.End)).Should().Equal(
            ("Trụ sở", "Chi bộ 1", At(Wednesday, 7), At(Wednesday, 12)),
            ("Nhà văn hoá", "Chi bộ 2", At(Wednesday, 7), At(Wednesday, 12)),
            ("Trụ sở", "Chi bộ 3", At(Wednesday, 12), At(Wednesday, 17)),
            ("Nhà văn hoá", "Chi bộ 4", At(Wednesday, 12), At(Wednesday, 17)));
        result.FinishDate.Should().Be(Wednesday);
        result.LowerBoundFinishDate.Should().Be(Wednesday);
    }

    [Fact]
    public void The_next_cell_goes_to_whichever_site_is_free_first()
    {
        var request = Request(
            [Site("Nhỏ", 1, "07:00-17:00"), Site("Lớn", 4, "07:00-17:00")],
            [Cell("Chi bộ 1", 40), Cell("Chi bộ 2", 40), Cell("Chi bộ 3", 40), Cell("Chi bộ 4", 40)]);

        var result = Plan(request);

        // The four-device site finishes 40 members in 30 min, so it takes the next cells while the small one is busy.
        result.Slots.Select(slot => (slot.Site, slot.Cell, slot.Start, slot.End)).Should().Equal(
            ("Nhỏ", "Chi bộ 1", At(Wednesday, 7), At(Wednesday, 9)),
            ("Lớn", "Chi bộ 2", At(Wednesday, 7), At(Wednesday, 7, 30)),
            ("Lớn", "Chi bộ 3", At(Wednesday, 7, 30), At(Wednesday, 8)),
            ("Lớn", "Chi bộ 4", At(Wednesday, 8), At(Wednesday, 8, 30)));
    }

    [Fact]
    public void A_cell_without_members_gets_no_slot_and_is_not_unscheduled()
    {
        var result = Plan(Request([Site("Trụ sở", 1)], [Cell("Chi bộ 1", 0), Cell("Chi bộ 2", 5)]));

        result.Slots.Should().ContainSingle().Which.Cell.Should().Be("Chi bộ 2");
        result.Unscheduled.Should().BeEmpty();
    }

    [Fact]
    public void Nothing_to_plan_gives_an_empty_plan_that_meets_the_deadline()
    {
        var result = Plan(Request([Site("Trụ sở", 1)], [], deadline: Wednesday));

        result.Slots.Should().BeEmpty();
        result.FinishDate.Should().BeNull();
        result.LowerBoundFinishDate.Should().BeNull();
        result.MeetsDeadline.Should().BeTrue();
        result.Waits.Should().Be(new WaitStats(0, 0));
    }

    [Fact]
    public void Opening_hours_with_seconds_are_used_only_on_whole_minutes()
    {
        var site = new PlanSite(
            "Trụ sở",
            1,
            new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
            {
                [DayOfWeek.Wednesday] = [new OpeningInterval(new TimeOnly(7, 0, 30), new TimeOnly(7, 10, 59))],
            },
            new HashSet<DateOnly>());

        var result = Plan(Request([site], [Cell("Chi bộ 1", 4)]));

        result.Slots[0].Should().Be(new PlannedSlot("Trụ sở", "Chi bộ 1", At(Wednesday, 7, 1), At(Wednesday, 7, 10), 3));
    }
}
