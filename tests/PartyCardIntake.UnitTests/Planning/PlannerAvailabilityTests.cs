using PartyCardIntake.Core.Planning;
using static PartyCardIntake.Core.Planning.AvailabilityWindow;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

public class PlannerAvailabilityTests
{
    private static readonly DateOnly Friday = Wednesday.AddDays(2);
    private static readonly DateOnly Saturday = Wednesday.AddDays(3);
    private static readonly DateOnly Monday = Wednesday.AddDays(5);

    [Fact]
    public void A_working_hours_cell_never_comes_after_five_pm_or_at_the_weekend()
    {
        var request = Request(
            [Site("Trụ sở", 1)],
            [Cell("Cơ quan", 250, WeekdayDaytime), Cell("Khu dân cư", 100)],
            start: Friday);

        var result = Plan(request);

        result.Slots.Where(slot => slot.Cell == "Cơ quan").Select(Shape).Should().Equal(
            (At(Friday, 7), At(Friday, 17), 200),
            (At(Monday, 7), At(Monday, 9, 30), 50));
        // The evening the working-hours cell cannot use goes to the next cell rather than standing idle.
        result.Slots.Where(slot => slot.Cell == "Khu dân cư").Select(Shape).Should().Equal(
            (At(Friday, 17), At(Friday, 22), 100));
    }

    [Fact]
    public void An_evening_cell_comes_only_from_five_pm_on_weekdays()
    {
        var request = Request(
            [Site("Trụ sở", 1)],
            [Cell("Công nhân", 150, WeekdayEvening), Cell("Khu dân cư", 30)],
            start: Friday);

        var result = Plan(request);

        result.Slots.Where(slot => slot.Cell == "Công nhân").Select(Shape).Should().Equal(
            (At(Friday, 17), At(Friday, 23), 120),
            (At(Monday, 17), At(Monday, 18, 30), 30));
        result.Slots.Where(slot => slot.Cell == "Khu dân cư").Select(Shape).Should().Equal(
            (At(Friday, 7), At(Friday, 8, 30), 30));
    }

    [Fact]
    public void A_weekend_cell_comes_only_on_saturday_or_sunday_and_the_whole_day_is_one_window()
    {
        var request = Request(
            [Site("Trụ sở", 1)],
            [Cell("Học sinh", 400, Weekend), Cell("Khu dân cư", 10)]);

        var result = Plan(request);

        result.Slots.Where(slot => slot.Cell == "Học sinh").Select(Shape).Should().Equal(
            (At(Saturday, 7), At(Saturday, 23), 320),
            (At(Saturday.AddDays(1), 7), At(Saturday.AddDays(1), 11), 80));
        result.Slots.Where(slot => slot.Cell == "Khu dân cư").Select(Shape).Should().Equal(
            (At(Wednesday, 7), At(Wednesday, 7, 30), 10));
    }

    [Fact]
    public void A_cell_of_evenings_and_weekends_uses_both_and_nothing_else()
    {
        var request = Request(
            [Site("Trụ sở", 1)],
            [Cell("Tiểu thương", 500, WeekdayEvening, Weekend)],
            start: Friday);

        var result = Plan(request);

        result.Slots.Select(Shape).Should().Equal(
            (At(Friday, 17), At(Friday, 23), 120),
            (At(Saturday, 7), At(Saturday, 23), 320),
            (At(Saturday.AddDays(1), 7), At(Saturday.AddDays(1), 10), 60));
    }

    [Fact]
    public void An_empty_availability_means_any_time()
    {
        var request = Request([Site("Trụ sở", 1)], [Cell("Khu dân cư", 1000)], start: Friday);

        var result = Plan(request);

        result.Slots.Select(slot => DateOnly.FromDateTime(slot.Start)).Distinct().Should().Equal(
            Friday, Saturday, Saturday.AddDays(1), Monday);
        result.FinishDate.Should().Be(Monday);
        result.FinishDate.Should().Be(result.LowerBoundFinishDate);
    }

    [Fact]
    public void A_cell_whose_availability_never_meets_the_hours_is_entirely_unscheduled()
    {
        var request = Request(
            [Site("Trụ sở", 1, "07:00-11:30,13:30-17:00", Weekdays)],
            [Cell("Công nhân", 40, WeekdayEvening), Cell("Khu dân cư", 30), Cell("Học sinh", 25, Weekend)],
            deadline: Wednesday.AddDays(30));

        var result = Plan(request);

        result.Slots.Should().ContainSingle().Which.Cell.Should().Be("Khu dân cư");
        result.Unscheduled.Should().Equal(new UnscheduledCell("Công nhân", 40), new UnscheduledCell("Học sinh", 25));
        result.MeetsDeadline.Should().BeFalse();
        result.FinishDate.Should().Be(Wednesday);
    }

    [Fact]
    public void Hours_ending_before_five_pm_on_weekdays_offer_no_evening_even_if_open_late_at_weekends()
    {
        var site = new PlanSite(
            "Trụ sở",
            1,
            new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
            {
                [DayOfWeek.Friday] = Hours("07:00-16:00"),
                [DayOfWeek.Saturday] = Hours("18:00-20:00"),
            },
            new HashSet<DateOnly>());

        var result = Plan(Request([site], [Cell("Công nhân", 10, WeekdayEvening), Cell("Học sinh", 10, Weekend)]));

        result.Unscheduled.Should().Equal(new UnscheduledCell("Công nhân", 10));
        result.Slots.Should().ContainSingle().Which.Start.Should().Be(At(Saturday, 18));
    }
}
