using PartyCardIntake.Core.Planning;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>
/// Cells are kept in one block where they fit. The site below holds 200 members a day
/// (07:00–17:00 on weekdays, one device, 3 minutes each), which makes the arithmetic easy to follow.
/// </summary>
public class PlannerBlockTests
{
    private static readonly DateOnly Thursday = Wednesday.AddDays(1);
    private static readonly DateOnly Friday = Wednesday.AddDays(2);
    private static readonly DateOnly Monday = Wednesday.AddDays(5);

    private static readonly PlanSite Office = Site("Trụ sở", 1, "07:00-17:00", Weekdays);

    [Fact]
    public void A_cell_larger_than_a_day_is_split_over_consecutive_days_in_consecutive_blocks()
    {
        var result = Plan(Request([Office], [Cell("Lớn", 450), Cell("Nhỏ", 30)]));

        result.Slots.Select(slot => (slot.Cell, slot.Start, slot.End, slot.Members)).Should().Equal(
            ("Lớn", At(Wednesday, 7), At(Wednesday, 17), 200),
            ("Lớn", At(Thursday, 7), At(Thursday, 17), 200),
            ("Lớn", At(Friday, 7), At(Friday, 9, 30), 50),
            ("Nhỏ", At(Friday, 9, 30), At(Friday, 11), 30));
    }

    [Fact]
    public void A_later_cell_that_fits_the_rest_of_the_day_goes_first_so_the_earlier_one_stays_whole()
    {
        var result = Plan(Request([Office], [Cell("A", 150), Cell("B", 80), Cell("C", 50)]));

        result.Slots.Select(slot => (slot.Cell, slot.Start, slot.End, slot.Members)).Should().Equal(
            ("A", At(Wednesday, 7), At(Wednesday, 14, 30), 150),
            ("C", At(Wednesday, 14, 30), At(Wednesday, 17), 50),
            ("B", At(Thursday, 7), At(Thursday, 11), 80));
    }

    [Fact]
    public void When_no_later_cell_fits_the_rest_of_the_day_the_next_cell_is_split_rather_than_the_device_left_idle()
    {
        var result = Plan(Request([Office], [Cell("A", 150), Cell("B", 80), Cell("C", 60)]));

        result.Slots.Select(slot => (slot.Cell, slot.Start, slot.End, slot.Members)).Should().Equal(
            ("A", At(Wednesday, 7), At(Wednesday, 14, 30), 150),
            ("B", At(Wednesday, 14, 30), At(Wednesday, 17), 50),
            ("B", At(Thursday, 7), At(Thursday, 8, 30), 30),
            ("C", At(Thursday, 8, 30), At(Thursday, 11, 30), 60));
    }

    [Fact]
    public void Several_small_later_cells_fill_the_rest_of_a_day_in_their_order()
    {
        var result = Plan(Request([Office], [Cell("A", 150), Cell("B", 80), Cell("C", 20), Cell("D", 90), Cell("E", 30)]));

        result.Slots.Select(slot => (slot.Cell, slot.Members, DateOnly.FromDateTime(slot.Start))).Should().Equal(
            ("A", 150, Wednesday),
            ("C", 20, Wednesday),
            ("E", 30, Wednesday),
            ("B", 80, Thursday),
            ("D", 90, Thursday));
    }

    [Fact]
    public void A_cell_larger_than_any_day_is_not_held_back_by_smaller_cells_behind_it()
    {
        var result = Plan(Request([Office], [Cell("A", 150), Cell("Lớn", 450), Cell("C", 50)]));

        // Lớn needs several blocks whatever happens, so it starts at once and C keeps its place after it.
        result.Slots.Select(slot => (slot.Cell, slot.Start, slot.End, slot.Members)).Should().Equal(
            ("A", At(Wednesday, 7), At(Wednesday, 14, 30), 150),
            ("Lớn", At(Wednesday, 14, 30), At(Wednesday, 17), 50),
            ("Lớn", At(Thursday, 7), At(Thursday, 17), 200),
            ("Lớn", At(Friday, 7), At(Friday, 17), 200),
            ("C", At(Monday, 7), At(Monday, 9, 30), 50));
    }

    [Fact]
    public void The_look_ahead_reaches_only_a_few_cells_so_the_order_is_kept_close()
    {
        var between = Enumerable.Range(1, CellQueue.LookAhead + 1).Select(number => Cell($"B{number}", 80));
        var result = Plan(Request([Office], [Cell("A", 150), .. between, Cell("Nhỏ", 50)]));

        // "Nhỏ" would fit the afternoon but lies beyond the look-ahead, so B1 takes it and is split.
        result.Slots.Take(3).Select(slot => (slot.Cell, slot.Start, slot.Members)).Should().Equal(
            ("A", At(Wednesday, 7), 150),
            ("B1", At(Wednesday, 14, 30), 50),
            ("B1", At(Thursday, 7), 30));
    }

    [Fact]
    public void A_cell_that_fits_a_fresh_day_but_not_the_evening_waits_for_the_day_while_others_use_the_evening()
    {
        var site = Site("Trụ sở", 1, "07:00-21:00", Weekdays);

        var result = Plan(Request([site], [Cell("A", 200), Cell("B", 150), Cell("C", 40), Cell("D", 40)]));

        // The evening (17:00–21:00, 80 members) cannot hold B; C and D fill it and B opens Thursday whole.
        result.Slots.Select(slot => (slot.Cell, slot.Start, slot.End)).Should().Equal(
            ("A", At(Wednesday, 7), At(Wednesday, 17)),
            ("C", At(Wednesday, 17), At(Wednesday, 19)),
            ("D", At(Wednesday, 19), At(Wednesday, 21)),
            ("B", At(Thursday, 7), At(Thursday, 14, 30)));
    }
}
