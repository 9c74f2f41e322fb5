using System.Globalization;
using PartyCardIntake.Core.Planning;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>
/// Dates with other hours than their weekday (a Saturday push, a short day before a holiday) replace that
/// day's weekly hours. One device and 3 minutes a member: 20 members an hour.
/// </summary>
public class PlannerSpecialHoursTests
{
    private static readonly DateOnly Thursday = Wednesday.AddDays(1);
    private static readonly DateOnly Friday = Wednesday.AddDays(2);
    private static readonly DateOnly Saturday = Wednesday.AddDays(3);
    private static readonly DateOnly Sunday = Wednesday.AddDays(4);
    private static readonly DateOnly Monday = Wednesday.AddDays(5);
    private static readonly DateOnly Tuesday = Wednesday.AddDays(6);

    [Fact]
    public void An_extended_day_takes_more_members_with_slots_up_to_its_own_closing_time()
    {
        var site = Site("Trụ sở", 1, "07:00-11:00").Special(Saturday, "07:00-17:00");

        var result = Plan(Request([site], [Cell("Chi bộ 1", 400)], start: Friday));

        // 80 members a day, 200 on the Saturday: Friday to Monday instead of Friday to Tuesday.
        result.Slots.Select(Shape).Should().Equal(
            (At(Friday, 7), At(Friday, 11), 80),
            (At(Saturday, 7), At(Saturday, 17), 200),
            (At(Sunday, 7), At(Sunday, 11), 80),
            (At(Monday, 7), At(Monday, 9), 40));
        result.FinishDate.Should().Be(Monday);
        result.LowerBoundFinishDate.Should().Be(Monday);
    }

    [Fact]
    public void A_shortened_day_takes_fewer_members_and_the_cell_goes_on_the_next_open_day()
    {
        var site = Site("Trụ sở", 1, "07:00-17:00", Weekdays).Special(Thursday, "07:00-09:00");

        var result = Plan(Request([site], [Cell("Chi bộ 1", 450)]));

        result.Slots.Select(Shape).Should().Equal(
            (At(Wednesday, 7), At(Wednesday, 17), 200),
            (At(Thursday, 7), At(Thursday, 9), 40),
            (At(Friday, 7), At(Friday, 17), 200),
            (At(Monday, 7), At(Monday, 7, 30), 10));
        result.LowerBoundFinishDate.Should().Be(Monday);
    }

    [Fact]
    public void Special_hours_open_a_weekday_that_is_normally_closed()
    {
        var site = Site("Trụ sở", 1, "07:00-17:00", [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday])
            .Special(Tuesday, "07:00-12:00");

        var result = Plan(Request([site], [Cell("Chi bộ 1", 350)], start: Monday));

        result.Slots.Select(Shape).Should().Equal(
            (At(Monday, 7), At(Monday, 17), 200),
            (At(Tuesday, 7), At(Tuesday, 12), 100),
            (At(Wednesday.AddDays(7), 7), At(Wednesday.AddDays(7), 9, 30), 50));
        result.LowerBoundFinishDate.Should().Be(Wednesday.AddDays(7));
    }

    [Fact]
    public void A_weekend_only_cell_comes_on_a_special_Sunday_at_a_site_closed_at_weekends()
    {
        var weekdays = Site("Trụ sở", 1, "07:00-17:00", Weekdays);
        var cells = new[] { Cell("Chi bộ 1", 50, AvailabilityWindow.Weekend) };

        var without = Plan(Request([weekdays], cells));
        var with = Plan(Request([weekdays.Special(Sunday, "07:00-11:00")], cells));

        without.Unscheduled.Should().Equal(new UnscheduledCell("Chi bộ 1", 50));
        with.Unscheduled.Should().BeEmpty();
        with.Slots.Select(Shape).Should().Equal((At(Sunday, 7), At(Sunday, 9, 30), 50));
    }

    [Fact]
    public void Special_hours_across_17_00_are_cut_into_daytime_and_evening_like_weekly_hours()
    {
        // Thursday opens in the afternoon and evening instead of 07:00–17:00.
        var site = Site("Trụ sở", 1, "07:00-17:00", Weekdays).Special(Thursday, "13:00-21:00");
        var cells = new[]
        {
            Cell("Chi bộ cơ quan", 100, AvailabilityWindow.WeekdayDaytime),
            Cell("Chi bộ tiểu thương", 60, AvailabilityWindow.WeekdayEvening),
        };

        var result = Plan(Request([site], cells, start: Thursday));

        result.Slots.Select(slot => (slot.Cell, slot.Start, slot.End, slot.Members)).Should().Equal(
            ("Chi bộ cơ quan", At(Thursday, 13), At(Thursday, 17), 80),
            ("Chi bộ tiểu thương", At(Thursday, 17), At(Thursday, 20), 60),
            ("Chi bộ cơ quan", At(Friday, 7), At(Friday, 8), 20));
    }

    [Fact]
    public void The_lower_bound_counts_the_special_hours_of_each_date()
    {
        // Weekly 200 members a weekday. Thursday holds 40 and Saturday, normally closed, 100: 540 members
        // would fit by Friday without the special days, and fit by Saturday with them (200 + 40 + 200 + 100).
        var site = Site("Trụ sở", 1, "07:00-17:00", Weekdays)
            .Special(Thursday, "07:00-09:00")
            .Special(Saturday, "07:00-12:00");
        var cells = new[] { Cell("Chi bộ 1", 540, AvailabilityWindow.WeekdayDaytime) };

        var result = Plan(Request([site], cells));

        // The cell cannot come at weekends, so the plan ends on Monday morning, after the bound.
        result.LowerBoundFinishDate.Should().Be(Saturday);
        result.FinishDate.Should().Be(Monday);
        result.Slots.Should().NotContain(slot => DateOnly.FromDateTime(slot.Start) == Saturday);
    }

    [Fact]
    public void A_closed_date_stays_closed_whatever_its_special_hours_and_empty_special_hours_close_a_date()
    {
        var site = Site("Trụ sở", 1, "07:00-17:00", Weekdays, closed: Thursday)
            .Special(Thursday, "07:00-17:00")
            .Special(Friday, string.Empty);

        var result = Plan(Request([site], [Cell("Chi bộ 1", 300)]));

        result.Slots.Select(slot => (DateOnly.FromDateTime(slot.Start), slot.Members)).Should().Equal(
            (Wednesday, 200), (Monday, 100));
        result.LowerBoundFinishDate.Should().Be(Monday);
    }

    [Fact]
    public void Special_days_before_the_start_or_from_the_horizon_on_change_nothing()
    {
        // Were the long day counted, the 100-member cell would be held back to keep it in one block
        // (it fits the 16-hour day) and the small cells would go first.
        var weekly = Site("Trụ sở", 1, "07:00-11:00");
        var far = weekly
            .Special(Wednesday.AddDays(-1), "07:00-23:00")
            .Special(Wednesday.AddDays(5), "07:00-23:00")
            .Special(Wednesday.AddDays(9), "07:00-23:00");
        var cells = new[] { Cell("Chi bộ 1", 100), Cell("Chi bộ 2", 30), Cell("Chi bộ 3", 50) };
        var horizon = Wednesday.AddDays(5);

        var plain = Plan(Request([weekly], cells, horizon: horizon));
        var result = Plan(Request([far], cells, horizon: horizon));

        result.Slots.Should().Equal(plain.Slots);
        result.LowerBoundFinishDate.Should().Be(plain.LowerBoundFinishDate).And.Be(Friday);
        result.Slots[0].Should().Be(new PlannedSlot("Trụ sở", "Chi bộ 1", At(Wednesday, 7), At(Wednesday, 11), 80));
    }

    public static TheoryData<string, PlanSite> InvalidSpecialHours => new()
    {
        { "ends before it starts", Site("Trụ sở", 1).Special(Saturday, "17:00-07:00") },
        { "overlapping intervals", Site("Trụ sở", 1).Special(Saturday, "07:00-12:00,11:00-17:00") },
        { "outside the planned dates", Site("Trụ sở", 1).Special(Saturday.AddYears(1), "12:00-12:00") },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecialHours))]
    public void Invalid_special_hours_are_refused_naming_the_date(string why, PlanSite site)
    {
        var plan = () => Planner.Plan(Request([site], [Cell("Chi bộ 1", 10)]));

        var date = site.SpecialHours.Keys.Single().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        plan.Should().Throw<ArgumentException>(why).WithMessage($"*Trụ sở*{date}*");
    }

    [Fact]
    public void Missing_special_hours_are_refused()
    {
        var site = Site("Trụ sở", 1) with { SpecialHours = null! };

        var plan = () => Planner.Plan(Request([site], [Cell("Chi bộ 1", 10)]));

        plan.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_rules_check_a_slot_against_the_special_hours_of_its_date()
    {
        var site = Site("Trụ sở", 1, "07:00-17:00").Special(Thursday, "13:00-17:00");
        var request = Request([site], [Cell("Chi bộ 1", 20)], start: Thursday);
        var inWeeklyHours = new PlanResult(
            [new PlannedSlot("Trụ sở", "Chi bộ 1", At(Thursday, 7), At(Thursday, 8), 20)],
            Thursday,
            true,
            Thursday,
            [],
            new WaitStats(0, 0));

        PlanInvariants.Violations(request, inWeeklyHours).Should().Contain(problem => problem.Contains("not inside one opening interval", StringComparison.Ordinal));
    }

    [Fact]
    public void The_stored_schedule_passes_closed_days_as_closed_dates_and_other_hours_as_special_hours()
    {
        var schedule = new SiteSchedule(
            Site("x", 1, "07:00-17:00", Weekdays).Hours,
            [
                new SpecialDay(Thursday, []),
                new SpecialDay(Saturday, Hours("07:00-11:00,13:00-17:00")),
                new SpecialDay(Friday, Hours("07:00-09:00")),
                new SpecialDay(Friday, []),
            ]);

        var site = schedule.ToPlanSite("1", 2);

        site.Name.Should().Be("1");
        site.Devices.Should().Be(2);
        site.Hours.Should().BeSameAs(schedule.Weekly);
        site.ClosedDates.Should().BeEquivalentTo(new[] { Thursday });
        // A date listed twice counts by its first entry, as the schedule itself reads it.
        site.SpecialHours.Keys.Should().BeEquivalentTo(new[] { Saturday, Friday });
        site.SpecialHours[Saturday].Should().Equal(schedule.On(Saturday));
        site.SpecialHours[Friday].Should().Equal(schedule.On(Friday));
    }
}
