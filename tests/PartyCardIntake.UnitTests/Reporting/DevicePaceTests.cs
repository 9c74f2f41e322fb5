using PartyCardIntake.Core.Reporting;

namespace PartyCardIntake.UnitTests.Reporting;

public class DevicePaceTests
{
    private static readonly DateTime Morning = new(2025, 8, 12, 1, 0, 0, DateTimeKind.Utc);

    private static IEnumerable<DateTime> At(params double[] minutes) => minutes.Select(m => Morning.AddMinutes(m));

    [Fact]
    public void The_average_is_the_mean_gap_between_consecutive_records()
    {
        DevicePace.AverageMinutes(At(0, 2, 5, 9)).Should().Be(3.0);
        DevicePace.AverageMinutes(At(0, 2.5)).Should().Be(2.5);
    }

    [Fact]
    public void Gaps_over_thirty_minutes_are_breaks_and_left_out_but_thirty_exactly_counts()
    {
        // 4 and 6 minutes of work around a lunch break of 95 minutes.
        DevicePace.AverageMinutes(At(0, 4, 10, 105)).Should().Be(5.0);
        DevicePace.AverageMinutes(At(0, 30)).Should().Be(30.0);
        DevicePace.AverageMinutes(At(0, 30.5)).Should().BeNull();
    }

    [Fact]
    public void Records_are_put_in_time_order_first()
    {
        DevicePace.AverageMinutes(At(9, 0, 5, 2)).Should().Be(3.0);
    }

    [Fact]
    public void With_fewer_than_two_records_or_only_breaks_there_is_nothing_to_measure()
    {
        DevicePace.AverageMinutes([]).Should().BeNull();
        DevicePace.AverageMinutes(At(0)).Should().BeNull();
        DevicePace.AverageMinutes(At(0, 45, 120)).Should().BeNull();
    }

    [Fact]
    public void The_average_has_one_decimal()
    {
        DevicePace.AverageMinutes(At(0, 1, 3, 4)).Should().Be(1.3);
        DevicePace.AverageMinutes(At(0, 2.25, 4.5)).Should().Be(2.3);
    }
}
