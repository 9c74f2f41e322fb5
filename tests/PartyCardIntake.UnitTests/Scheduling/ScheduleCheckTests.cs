using PartyCardIntake.Core.Planning;
using PartyCardIntake.Core.Scheduling;

namespace PartyCardIntake.UnitTests.Scheduling;

/// <summary>Site A: one device, 3 minutes a member, 07:00–11:30 and 13:30–21:00 every day, closed on 10/08/2025.</summary>
public class ScheduleCheckTests
{
    private static readonly DateOnly Wednesday = new(2025, 8, 6);
    private static readonly DateOnly Saturday = new(2025, 8, 9);
    private static readonly DateOnly Holiday = new(2025, 8, 10);

    private static readonly SiteSchedule Hours = new(
        SiteSchedule.Days.ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[new(new(7, 0), new(11, 30)), new(new(13, 30), new(21, 0))]),
        [new SpecialDay(Holiday, [])]);

    private static readonly Dictionary<int, CheckedSite> Sites = new()
    {
        [1] = new CheckedSite(1, 1, 3, Hours),
        [2] = new CheckedSite(2, 2, 3, Hours),
    };

    private static readonly Dictionary<int, IReadOnlySet<AvailabilityWindow>> Cells = new()
    {
        [10] = new HashSet<AvailabilityWindow>(),
        [11] = new HashSet<AvailabilityWindow> { AvailabilityWindow.WeekdayDaytime },
        [12] = new HashSet<AvailabilityWindow> { AvailabilityWindow.WeekdayEvening, AvailabilityWindow.Weekend },
    };

    private static CheckedSlot Slot(int id, DateOnly day, string from, string to, int members, int site = 1, int cell = 10) =>
        new(id, site, cell, day.ToDateTime(TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)), day.ToDateTime(TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), members);

    private static IReadOnlyDictionary<int, SlotProblem> Check(params CheckedSlot[] slots) => ScheduleCheck.Check(slots, Sites, Cells);

    [Fact]
    public void A_planned_slot_inside_the_hours_at_full_capacity_has_no_problem()
    {
        Check(Slot(1, Wednesday, "07:00", "08:45", 35), Slot(2, Wednesday, "08:45", "11:30", 55))
            .Values.Should().AllBeEquivalentTo(SlotProblem.None);
    }

    [Theory]
    [InlineData("11:00", "12:00")]
    [InlineData("06:30", "07:30")]
    [InlineData("20:30", "21:30")]
    [InlineData("11:30", "13:30")]
    public void A_slot_in_a_break_or_after_closing_is_outside_the_hours(string from, string to)
    {
        Check(Slot(1, Wednesday, from, to, 5))[1].Should().Be(SlotProblem.OutsideHours);
    }

    [Fact]
    public void A_slot_on_a_closed_date_is_outside_the_hours()
    {
        Check(Slot(1, Holiday, "08:00", "09:00", 10))[1].Should().Be(SlotProblem.OutsideHours);
    }

    [Fact]
    public void A_slot_at_an_unknown_site_is_outside_the_hours()
    {
        Check(Slot(1, Wednesday, "08:00", "09:00", 10, site: 99))[1].Should().HaveFlag(SlotProblem.OutsideHours);
    }

    [Fact]
    public void A_working_hours_cell_in_the_evening_or_at_the_weekend_is_outside_its_availability()
    {
        var problems = Check(
            Slot(1, Wednesday, "16:00", "17:30", 30, cell: 11),
            Slot(2, Saturday, "08:00", "09:00", 20, cell: 11),
            Slot(3, Wednesday, "09:00", "10:00", 20, cell: 11));

        problems[1].Should().Be(SlotProblem.OutsideAvailability);
        problems[2].Should().Be(SlotProblem.OutsideAvailability);
        problems[3].Should().Be(SlotProblem.None);
    }

    [Fact]
    public void An_evening_and_weekend_cell_may_come_from_17_00_and_all_saturday()
    {
        var problems = Check(
            Slot(1, Wednesday, "17:00", "18:00", 20, cell: 12),
            Slot(2, Saturday, "07:00", "08:00", 20, cell: 12),
            Slot(3, Wednesday.AddDays(1), "16:30", "17:30", 20, cell: 12));

        problems[1].Should().Be(SlotProblem.None);
        problems[2].Should().Be(SlotProblem.None);
        problems[3].Should().Be(SlotProblem.OutsideAvailability);
    }

    [Fact]
    public void A_slot_too_short_for_its_members_is_over_capacity()
    {
        // 21 members at one device need 63 minutes.
        Check(Slot(1, Wednesday, "07:00", "08:00", 21))[1].Should().Be(SlotProblem.OverCapacity);
        Check(Slot(1, Wednesday, "07:00", "08:00", 20))[1].Should().Be(SlotProblem.None);
    }

    [Fact]
    public void Overlapping_slots_at_one_site_are_flagged_and_over_capacity_when_the_devices_cannot_serve_both()
    {
        var problems = Check(Slot(1, Wednesday, "07:00", "08:00", 20), Slot(2, Wednesday, "07:30", "08:30", 20, cell: 11), Slot(3, Wednesday, "09:00", "10:00", 20));

        problems[1].Should().Be(SlotProblem.Overlap | SlotProblem.OverCapacity);
        problems[2].Should().Be(SlotProblem.Overlap | SlotProblem.OverCapacity);
        problems[3].Should().Be(SlotProblem.None);
    }

    [Fact]
    public void Two_cells_side_by_side_at_a_site_with_two_devices_overlap_without_being_over_capacity()
    {
        var problems = Check(Slot(1, Wednesday, "07:00", "08:00", 20, site: 2), Slot(2, Wednesday, "07:00", "08:00", 20, site: 2, cell: 11));

        problems[1].Should().Be(SlotProblem.Overlap);
        problems[2].Should().Be(SlotProblem.Overlap);
    }

    [Fact]
    public void A_cell_expected_at_two_sites_at_once_clashes()
    {
        var problems = Check(Slot(1, Wednesday, "07:00", "08:00", 20), Slot(2, Wednesday, "07:30", "08:00", 10, site: 2), Slot(3, Wednesday, "08:00", "09:00", 20, site: 2));

        problems[1].Should().Be(SlotProblem.CellClash);
        problems[2].Should().Be(SlotProblem.CellClash);
        problems[3].Should().Be(SlotProblem.None);
    }

    [Fact]
    public void Back_to_back_slots_do_not_overlap()
    {
        Check(Slot(1, Wednesday, "07:00", "08:00", 20), Slot(2, Wednesday, "08:00", "09:00", 20)).Values.Should().AllBeEquivalentTo(SlotProblem.None);
    }
}
