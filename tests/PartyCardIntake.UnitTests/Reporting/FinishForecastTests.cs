using PartyCardIntake.Core.Reporting;

namespace PartyCardIntake.UnitTests.Reporting;

/// <summary>The one forecast (docs/reports.md, "The forecast"), with the worked example of the document.</summary>
public class FinishForecastTests
{
    private static readonly DateOnly Date = new(2026, 12, 7);

    private static ForecastPlan Plan(params (int Day, int Members)[] days) =>
        ForecastPlan.Of(days.Select(d => new PlannedDay(Dec(d.Day), d.Members)));

    private static DateOnly Dec(int day) => new(2026, 12, day);

    [Fact]
    public void Without_a_plan_the_remaining_members_come_at_the_average_of_the_recent_days()
    {
        // 400 in three days: 133.3 a day; 1,389 left → 10.4 days → 11 days on.
        FinishForecast.Finish(new ForecastInput(Date, 1_389, ForecastPlan.None, 400, 0)).Should().Be(Date.AddDays(11));
        FinishForecast.Finish(new ForecastInput(Date, 300, ForecastPlan.None, 300, 0)).Should().Be(Date.AddDays(3));
    }

    [Fact]
    public void Nobody_left_is_done_on_the_day_and_no_pace_without_a_plan_is_no_forecast()
    {
        FinishForecast.Finish(new ForecastInput(Date, 0, ForecastPlan.None, 0, 0)).Should().Be(Date);
        FinishForecast.Finish(new ForecastInput(Date, 10, ForecastPlan.None, 0, 0)).Should().BeNull();
    }

    [Fact]
    public void A_plan_that_is_kept_finishes_on_the_day_its_members_add_up_to_the_remaining()
    {
        var plan = Plan((7, 100), (8, 100), (9, 100), (10, 50));
        FinishForecast.Finish(new ForecastInput(Date, 350, plan, 300, 300)).Should().Be(Dec(10));
        FinishForecast.Finish(new ForecastInput(Date, 250, plan, 300, 300)).Should().Be(Dec(9));
        // Nothing planned in the recent days (a new plan): the plan is taken as it is.
        FinishForecast.Finish(new ForecastInput(Date, 350, plan, 0, 0)).Should().Be(Dec(10));
    }

    [Fact]
    public void A_plan_counts_at_the_share_that_came_in_the_recent_days_and_never_more_than_all_of_it()
    {
        var plan = Plan((7, 100), (8, 100), (9, 100), (10, 100), (11, 100), (12, 100));
        // Half of the planned came: 50 a day, 200 left → the fourth day.
        FinishForecast.Finish(new ForecastInput(Date, 200, plan, 150, 300)).Should().Be(Dec(10));
        // More came than planned (walk-ins): the plan is not counted above itself.
        FinishForecast.Finish(new ForecastInput(Date, 200, plan, 600, 300)).Should().Be(Dec(8));
    }

    [Fact]
    public void Members_beyond_the_plan_come_at_the_recent_average_after_its_last_day()
    {
        // 200 planned on the 7th and 8th, 300 left: 100 more at 50 a day after the 8th.
        FinishForecast.Finish(new ForecastInput(Date, 300, Plan((7, 100), (8, 100)), 150, 0)).Should().Be(Dec(10));
        // Nobody in the recent days and members beyond the plan: no forecast.
        FinishForecast.Finish(new ForecastInput(Date, 300, Plan((7, 50), (8, 50)), 0, 0)).Should().BeNull();
    }

    [Fact]
    public void Planned_days_before_the_report_s_day_are_not_ahead()
    {
        FinishForecast.Finish(new ForecastInput(Date, 100, Plan((5, 500), (9, 100)), 300, 0)).Should().Be(Dec(9));
    }

    [Fact]
    public void A_commune_above_the_target_line_on_a_kept_plan_is_not_late_while_its_day_is_not_over()
    {
        // The case users met (docs/reports.md, the worked example): campaign 01/12–27/12, 1,000 eligible. On 07/12 at
        // 10:00, 330 received (30 of them today): above the target line (259). The three whole days before brought the
        // 135 members they had planned; the plan still holds 670 from 10:00 on, the last on 12/12. The old forecast
        // took today's few hours for a whole day, (50 + 20 + 30) ÷ 3 a day, and said 28/12: one day late.
        var deadline = Dec(27);
        var curve = CumulativeCurve.Build([(Dec(1), 50), (Dec(2), 50), (Dec(3), 65), (Dec(4), 65), (Dec(5), 50), (Dec(6), 20), (Dec(7), 30)], Date, Dec(1), deadline, 1_000);
        curve.Received.Should().Be(330);
        curve.TargetToday.Should().Be(259);
        var plan = Plan((7, 120), (8, 150), (9, 150), (10, 150), (11, 50), (12, 50));

        var finish = FinishForecast.Finish(new ForecastInput(Date, 670, plan, 135, 135));

        finish.Should().Be(Dec(12));
        Forecast.DaysLate(finish, deadline).Should().Be(-15);

        // Had only half the planned members come in those days: half of each planned day, 335 by 12/12, the other
        // 335 at 45 a day after it.
        FinishForecast.Finish(new ForecastInput(Date, 670, plan, 135, 270)).Should().Be(Dec(20));
    }

    [Fact]
    public void Above_the_target_line_at_the_target_s_pace_without_a_plan_is_not_late()
    {
        // 27 days for 2,700: the target climbs 100 a day. At the end of the 10th, 1,000 received (the target), 100 a day.
        var deadline = Dec(27);
        var curve = CumulativeCurve.Build(Enumerable.Range(1, 10).Select(d => (Dec(d), 100)), Dec(10), Dec(1), deadline, 2_700);
        curve.Received.Should().BeGreaterThanOrEqualTo(curve.TargetToday!.Value);

        var finish = FinishForecast.Finish(new ForecastInput(Dec(10), 1_700, ForecastPlan.None, 300, 0));

        finish.Should().Be(deadline);
        Forecast.DaysLate(finish, deadline).Should().Be(0);
    }

    [Fact]
    public void Plans_compare_by_their_days()
    {
        Plan((7, 1), (8, 2)).Should().Be(Plan((8, 2), (7, 1)));
        Plan((7, 1)).Should().NotBe(Plan((7, 2)));
        ForecastPlan.Of([]).Should().Be(ForecastPlan.None);
    }
}
