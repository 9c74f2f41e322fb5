using PartyCardIntake.Core.Planning;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

public class PlannerInputTests
{
    private static readonly PlanSite Office = Site("Trụ sở", 1);
    private static readonly PlanCell[] OneCell = [Cell("Chi bộ 1", 10)];

    public static TheoryData<string, PlanRequest> Impossible => new()
    {
        { "no minutes per member", Request([Office], OneCell, minutesPerMember: 0) },
        { "negative minutes per member", Request([Office], OneCell, minutesPerMember: -3) },
        { "minutes per member not a number", Request([Office], OneCell, minutesPerMember: double.NaN) },
        { "reserve above 90 %", Request([Office], OneCell, reservePercent: 95) },
        { "negative reserve", Request([Office], OneCell, reservePercent: -1) },
        { "deadline before the start", Request([Office], OneCell, deadline: Wednesday.AddDays(-1)) },
        { "horizon on the start date", Request([Office], OneCell, horizon: Wednesday) },
        { "site without devices", Request([Site("Trụ sở", 0)], OneCell) },
        { "two sites of one name", Request([Office, Site("Trụ sở", 2)], OneCell) },
        { "interval ending before it starts", Request([Site("Trụ sở", 1, "17:00-07:00")], OneCell) },
        { "overlapping intervals", Request([Site("Trụ sở", 1, "07:00-12:00,11:00-17:00")], OneCell) },
        { "negative members", Request([Office], [Cell("Chi bộ 1", -1)]) },
        { "two cells of one name", Request([Office], [Cell("Chi bộ 1", 1), Cell("Chi bộ 1", 2)]) },
        { "unknown availability", Request([Office], [Cell("Chi bộ 1", 1, (AvailabilityWindow)7)]) },
        { "cell without a name", Request([Office], [Cell(" ", 1)]) },
    };

    [Theory]
    [MemberData(nameof(Impossible))]
    public void An_impossible_request_is_refused_with_an_argument_exception(string why, PlanRequest request)
    {
        var plan = () => Planner.Plan(request);

        plan.Should().Throw<ArgumentException>(why);
    }

    [Fact]
    public void A_missing_request_is_refused()
    {
        var plan = () => Planner.Plan(null!);

        plan.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Adjacent_intervals_are_accepted_and_a_slot_stays_inside_one_of_them()
    {
        var result = Plan(Request([Site("Trụ sở", 1, "07:00-08:00,08:00-09:00")], [Cell("Chi bộ 1", 30)]));

        result.Slots.Select(Shape).Should().Equal(
            (At(Wednesday, 7), At(Wednesday, 8), 20),
            (At(Wednesday, 8), At(Wednesday, 8, 30), 10));
    }

    [Fact]
    public void No_site_leaves_every_member_unscheduled()
    {
        var result = Plan(Request([], OneCell));

        result.Slots.Should().BeEmpty();
        result.Unscheduled.Should().Equal(new UnscheduledCell("Chi bộ 1", 10));
        result.LowerBoundFinishDate.Should().BeNull();
        result.MeetsDeadline.Should().BeFalse();
    }
}
