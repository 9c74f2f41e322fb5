using PartyCardIntake.Core.Reporting;

namespace PartyCardIntake.UnitTests.Reporting;

public class ForecastTests
{
    private static readonly DateOnly Date = new(2025, 8, 9);

    [Fact]
    public void Days_late_are_positive_after_the_deadline_and_negative_before_it()
    {
        Forecast.DaysLate(new DateOnly(2025, 8, 20), new DateOnly(2025, 8, 15)).Should().Be(5);
        Forecast.DaysLate(new DateOnly(2025, 8, 12), new DateOnly(2025, 8, 15)).Should().Be(-3);
        Forecast.DaysLate(null, new DateOnly(2025, 8, 15)).Should().BeNull();
        Forecast.DaysLate(Date, null).Should().BeNull();
    }

    [Theory]
    [InlineData(1, 3, 33.3)]
    [InlineData(2, 3, 66.7)]
    [InlineData(5, 0, 0)]
    [InlineData(1789, 1789, 100)]
    public void Percent_has_one_decimal(int part, int whole, double expected) =>
        Forecast.Percent(part, whole).Should().Be(expected);

    [Fact]
    public void The_target_line_rises_evenly_from_the_start_to_every_eligible_member_on_the_deadline()
    {
        var start = new DateOnly(2025, 8, 6);
        var deadline = new DateOnly(2025, 8, 15);
        Forecast.Target(start.AddDays(-1), start, deadline, 1_000).Should().Be(0);
        Forecast.Target(start, start, deadline, 1_000).Should().Be(100);
        Forecast.Target(start.AddDays(4), start, deadline, 1_000).Should().Be(500);
        Forecast.Target(deadline, start, deadline, 1_000).Should().Be(1_000);
        Forecast.Target(deadline.AddDays(3), start, deadline, 1_000).Should().Be(1_000);
        Forecast.Target(start, null, deadline, 1_000).Should().Be(0);
    }
}
