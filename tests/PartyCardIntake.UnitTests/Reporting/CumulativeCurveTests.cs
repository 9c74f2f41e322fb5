using PartyCardIntake.Core.Reporting;

namespace PartyCardIntake.UnitTests.Reporting;

public class CumulativeCurveTests
{
    private static readonly DateOnly Start = new(2025, 8, 9);
    private static readonly DateOnly Deadline = new(2025, 8, 18);

    [Fact]
    public void Each_day_carries_everything_received_so_far_and_nothing_after_the_reports_day()
    {
        var curve = CumulativeCurve.Build([(Start, 100), (Start.AddDays(2), 150), (Start.AddDays(3), 120)], Start.AddDays(3), Start, Deadline, 1000);

        curve.Points.Should().HaveCount(10);
        curve.Points[0].Day.Should().Be(Start);
        curve.Points[^1].Day.Should().Be(Deadline);
        curve.Points.Take(4).Select(p => p.Received).Should().Equal(100, 100, 250, 370);
        curve.Points.Skip(4).Should().OnlyContain(p => p.Received == null);
        curve.Received.Should().Be(370);
    }

    [Fact]
    public void The_target_climbs_evenly_from_the_first_day_to_every_eligible_member_on_the_deadline()
    {
        var curve = CumulativeCurve.Build([], Start.AddDays(4), Start, Deadline, 1000);

        curve.Points.Select(p => p.Target).Should().Equal(100, 200, 300, 400, 500, 600, 700, 800, 900, 1000);
        curve.TargetToday.Should().Be(500);
        curve.Received.Should().Be(0);
    }

    [Fact]
    public void Without_a_campaign_window_there_is_no_target_and_the_curve_spans_the_records()
    {
        var day = new DateOnly(2025, 8, 20);
        var curve = CumulativeCurve.Build([(day.AddDays(-2), 5), (day, 7), (day.AddDays(1), 9)], day, null, null, 50);

        curve.Points.Select(p => (p.Day, p.Received, p.Target)).Should().Equal((day.AddDays(-2), 5, null), (day.AddDays(-1), 5, null), (day, 12, null));
        curve.TargetToday.Should().BeNull();
    }

    [Fact]
    public void Records_before_the_campaign_start_widen_the_curve_and_a_report_after_the_deadline_extends_it()
    {
        var curve = CumulativeCurve.Build([(Start.AddDays(-1), 3)], Deadline.AddDays(2), Start, Deadline, 10);

        curve.Points[0].Day.Should().Be(Start.AddDays(-1));
        curve.Points[0].Target.Should().Be(0);
        curve.Points[^1].Day.Should().Be(Deadline.AddDays(2));
        curve.Points[^1].Target.Should().Be(10);
        curve.Points.Should().OnlyContain(p => p.Received == 3);
    }

    [Fact]
    public void A_very_long_span_keeps_the_latest_days_and_counts_the_earlier_records_in()
    {
        var day = new DateOnly(2026, 12, 31);
        var curve = CumulativeCurve.Build([(new DateOnly(2024, 1, 1), 40), (day, 2)], day, new DateOnly(2024, 1, 1), day, 100);

        curve.Points.Should().HaveCount(CumulativeCurve.MaxDays);
        curve.Points[0].Received.Should().Be(40);
        curve.Received.Should().Be(42);
    }
}
