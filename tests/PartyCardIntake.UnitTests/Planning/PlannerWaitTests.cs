using PartyCardIntake.Core.Planning;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

public class PlannerWaitTests
{
    [Fact]
    public void Members_coming_at_random_within_their_slot_wait_even_when_the_desk_keeps_pace_on_average()
    {
        // Three minutes planned a member, at most three needed: evenly spaced arrivals would never wait (the old figure, 0).
        var result = Plan(Request([Site("Trụ sở", 1)], [Cell("Chi bộ 1", 35), Cell("Chi bộ 2", 60)]));

        result.Waits.MeanMinutes.Should().BeGreaterThan(0);
        result.Waits.P95Minutes.Should().BeGreaterThan(result.Waits.MeanMinutes);
        result.Waits.P95Minutes.Should().BeLessThan(60, "a slot keeps pace on average, so the queue does not build up for long");
    }

    [Fact]
    public void A_plan_counting_fewer_minutes_than_the_desk_needs_makes_members_wait_longer_the_longer_the_slot()
    {
        var site = Site("Trụ sở", 1);

        var brief = Plan(Request([site], [Cell("Chi bộ 1", 10)], minutesPerMember: 2));
        var lengthy = Plan(Request([site], [Cell("Chi bộ 1", 100)], minutesPerMember: 2));

        // Capture takes 2.5 min on average against 2 planned, so the queue grows by about half a minute a member.
        brief.Waits.MeanMinutes.Should().BeGreaterThan(0);
        lengthy.Waits.MeanMinutes.Should().BeInRange(15, 35);
        lengthy.Waits.P95Minutes.Should().BeGreaterThan(lengthy.Waits.MeanMinutes);
        lengthy.Waits.P95Minutes.Should().BeLessThan(99, "each member before adds at most one minute");
    }

    [Fact]
    public void The_reserve_for_walk_ins_spreads_arrivals_and_shortens_waits()
    {
        var site = Site("Trụ sở", 2);
        var cells = new[] { Cell("Chi bộ 1", 120) };

        var tight = Plan(Request([site], cells, minutesPerMember: 2.5));
        var reserved = Plan(Request([site], cells, minutesPerMember: 2.5, reservePercent: 20));

        reserved.Waits.MeanMinutes.Should().BeLessThan(tight.Waits.MeanMinutes);
    }

    [Fact]
    public void The_same_plan_always_shows_the_same_waits_rounded_to_a_tenth_of_a_minute()
    {
        var request = Request([Site("Trụ sở", 3), Site("Nhà văn hoá", 2)], [.. Enumerable.Range(1, 20).Select(i => Cell($"Chi bộ {i}", 20 + i))], minutesPerMember: 2);

        var first = Plan(request).Waits;
        var second = Plan(request).Waits;

        second.Should().Be(first);
        first.MeanMinutes.Should().Be(Math.Round(first.MeanMinutes, 1));
        first.P95Minutes.Should().Be(Math.Round(first.P95Minutes, 1));
    }
}
