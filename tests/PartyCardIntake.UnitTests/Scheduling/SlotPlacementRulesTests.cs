using System.Globalization;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.Core.Scheduling;

namespace PartyCardIntake.UnitTests.Scheduling;

/// <summary>
/// A site open 07:00–11:30 and 13:30–17:00 every day, closed on 10/08/2025 and open 18:00–21:00 only on the special day
/// 12/08/2025; the campaign runs 01/08/2025–20/08/2025; now is 05/08/2025 10:00.
/// </summary>
public class SlotPlacementRulesTests
{
    private static readonly DateOnly First = new(2025, 8, 1);
    private static readonly DateOnly Deadline = new(2025, 8, 20);
    private static readonly DateOnly Closed = new(2025, 8, 10);
    private static readonly DateOnly Special = new(2025, 8, 12);
    private static readonly DateTime Now = new(2025, 8, 5, 10, 0, 0);

    private static readonly SiteSchedule Hours = new(
        SiteSchedule.Days.ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[new(new(7, 0), new(11, 30)), new(new(13, 30), new(17, 0))]),
        [new SpecialDay(Closed, []), new SpecialDay(Special, [new(new(18, 0), new(21, 0))])]);

    private static readonly Dictionary<int, CheckedSite> Sites = new() { [1] = new CheckedSite(1, 1, 3, Hours), [2] = new CheckedSite(2, 1, 3, Hours) };

    private static readonly Dictionary<int, IReadOnlySet<AvailabilityWindow>> Cells = new()
    {
        [10] = new HashSet<AvailabilityWindow>(),
        [11] = new HashSet<AvailabilityWindow> { AvailabilityWindow.Weekend },
    };

    private static DateTime At(DateOnly day, string time) => day.ToDateTime(TimeOnly.Parse(time, CultureInfo.InvariantCulture));

    private static PlacementRefusal Check(DateOnly day, string from, string to) =>
        SlotPlacementRules.Check(At(day, from), At(day, to), Hours, Now, First, Deadline);

    [Fact]
    public void A_slot_inside_the_hours_and_the_campaign_is_accepted() =>
        Check(new DateOnly(2025, 8, 6), "08:00", "09:00").Should().Be(PlacementRefusal.None);

    [Fact]
    public void A_slot_on_the_deadline_day_is_accepted_and_one_a_day_later_is_refused()
    {
        Check(Deadline, "15:00", "17:00").Should().Be(PlacementRefusal.None);
        Check(Deadline.AddDays(1), "08:00", "09:00").Should().Be(PlacementRefusal.AfterDeadline);
        // The users' case: a slot moved to 01/02/2027 long after the deadline.
        SlotPlacementRules.Check(new DateTime(2027, 2, 1, 8, 0, 0), new DateTime(2027, 2, 1, 9, 0, 0), Hours, Now, First, Deadline)
            .Should().Be(PlacementRefusal.AfterDeadline);
    }

    [Fact]
    public void Without_a_deadline_only_the_hours_count() =>
        SlotPlacementRules.Check(At(new DateOnly(2027, 2, 1), "08:00"), At(new DateOnly(2027, 2, 1), "09:00"), Hours, Now, First, null)
            .Should().Be(PlacementRefusal.None);

    [Theory]
    [InlineData("06:30", "07:30")]
    [InlineData("11:00", "12:00")]
    [InlineData("12:00", "13:00")]
    [InlineData("16:30", "17:30")]
    public void A_slot_across_a_break_or_outside_the_hours_is_refused(string from, string to) =>
        Check(new DateOnly(2025, 8, 6), from, to).Should().Be(PlacementRefusal.OutsideHours);

    [Fact]
    public void A_special_day_is_checked_against_its_own_hours()
    {
        Check(Special, "08:00", "09:00").Should().Be(PlacementRefusal.OutsideHours, "on the special day the site opens only 18:00–21:00");
        Check(Special, "18:30", "20:00").Should().Be(PlacementRefusal.None);
        Check(Closed, "08:00", "09:00").Should().Be(PlacementRefusal.OutsideHours, "the site is closed that day");
    }

    [Fact]
    public void Times_out_of_order_the_past_and_days_before_the_campaign_are_refused()
    {
        Check(new DateOnly(2025, 8, 6), "09:00", "08:00").Should().Be(PlacementRefusal.EndBeforeStart);
        Check(new DateOnly(2025, 8, 6), "09:00", "09:00").Should().Be(PlacementRefusal.EndBeforeStart);
        Check(new DateOnly(2025, 8, 5), "08:00", "09:00").Should().Be(PlacementRefusal.InPast);
        SlotPlacementRules.Check(At(new DateOnly(2025, 8, 6), "08:00"), At(new DateOnly(2025, 8, 6), "09:00"), Hours, Now, new DateOnly(2025, 8, 7), Deadline)
            .Should().Be(PlacementRefusal.BeforeCampaign);
    }

    [Fact]
    public void A_slot_ending_at_midnight_belongs_to_its_own_day() =>
        SlotPlacementRules.AfterDeadline(At(Deadline, "23:00"), Deadline.AddDays(1).ToDateTime(TimeOnly.MinValue), Deadline).Should().BeFalse();

    [Fact]
    public void A_slot_dragged_onto_a_busy_site_is_flagged_as_overlapping_and_over_capacity_before_it_is_saved()
    {
        var day = new DateOnly(2025, 8, 6);
        var others = new[]
        {
            new CheckedSlot(1, 1, 10, At(day, "08:00"), At(day, "09:00"), 20),
            new CheckedSlot(2, 2, 10, At(day.AddDays(1), "08:00"), At(day.AddDays(1), "09:00"), 20),
        };

        var moved = others[1] with { SiteId = 1, Start = At(day, "08:30"), End = At(day, "09:30") };

        SlotPlacementRules.ProblemsAfterMove(others, moved, Sites, Cells, Deadline)
            .Should().HaveFlag(SlotProblem.Overlap).And.HaveFlag(SlotProblem.OverCapacity);
        SlotPlacementRules.ProblemsAfterMove(others, others[1] with { Start = At(day.AddDays(1), "10:00"), End = At(day.AddDays(1), "11:00") }, Sites, Cells, Deadline)
            .Should().Be(SlotProblem.None, "alone at its site in its hours");
    }

    [Fact]
    public void A_slot_dragged_past_the_deadline_or_outside_the_cells_time_is_flagged()
    {
        var slot = new CheckedSlot(5, 1, 11, At(new DateOnly(2025, 8, 9), "08:00"), At(new DateOnly(2025, 8, 9), "09:00"), 10);

        SlotPlacementRules.ProblemsAfterMove([slot], slot, Sites, Cells, Deadline).Should().Be(SlotProblem.None, "a Saturday suits a weekend cell");
        SlotPlacementRules.ProblemsAfterMove([slot], slot with { Start = At(new DateOnly(2025, 8, 11), "08:00"), End = At(new DateOnly(2025, 8, 11), "09:00") }, Sites, Cells, Deadline)
            .Should().Be(SlotProblem.OutsideAvailability);
        SlotPlacementRules.ProblemsAfterMove([slot], slot with { Start = At(new DateOnly(2025, 8, 23), "08:00"), End = At(new DateOnly(2025, 8, 23), "09:00") }, Sites, Cells, Deadline)
            .Should().Be(SlotProblem.AfterDeadline);
    }
}
