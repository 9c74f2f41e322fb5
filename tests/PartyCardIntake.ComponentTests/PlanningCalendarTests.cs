using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.Core.Scheduling;
using PartyCardIntake.Web.Features.Planning;

namespace PartyCardIntake.ComponentTests;

/// <summary>
/// The planning calendar's logic: where a dropped slot lands (zones of the week and day views), the hours the day view
/// shows (a special day's own hours), what a zone says while a slot is dragged, and the typed form's rules.
/// </summary>
public sealed class PlanningCalendarTests : BunitContext
{
    // Monday 07/12/2026; the site opens 07:00–11:30 and 13:30–17:00, and on Wednesday 09/12 only 18:00–21:00.
    private static readonly DateOnly Monday = new(2026, 12, 7);
    private static readonly SiteSchedule Hours = new(
        SiteSchedule.Days.ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[new(new(7, 0), new(11, 30)), new(new(13, 30), new(17, 0))]),
        [new SpecialDay(Monday.AddDays(2), [new(new(18, 0), new(21, 0))])]);

    private static readonly CalendarSlot Slot = new(5, 1, 10, "Chi bộ 1", Monday.AddDays(1).ToDateTime(new TimeOnly(8, 15)), Monday.AddDays(1).ToDateTime(new TimeOnly(9, 45)), 30, 0, false, SlotProblem.None);

    private static CalendarView View(params CalendarSlot[] slots) =>
        new(Monday, 7, [new CalendarSite(1, "Trụ sở", 1, 3)], slots, [])
        {
            Window = new CampaignWindow(Monday.AddDays(-7), Monday.AddDays(3)),
            Now = Monday.ToDateTime(new TimeOnly(10, 0)),
            CheckedSites = new Dictionary<int, CheckedSite> { [1] = new(1, 1, 3, Hours) },
            CellWindows = new Dictionary<int, IReadOnlySet<AvailabilityWindow>> { [10] = new HashSet<AvailabilityWindow>() },
        };

    [Fact]
    public void A_slot_dropped_on_a_day_keeps_its_times_and_on_an_hour_starts_in_it_at_its_own_minute()
    {
        var day = new CalendarZone(Monday.AddDays(2), 1);
        day.Place(Slot).Should().Be(new SlotMove(Slot, 1, Monday.AddDays(2).ToDateTime(new TimeOnly(8, 15)), Monday.AddDays(2).ToDateTime(new TimeOnly(9, 45))));

        var hour = new CalendarZone(Monday.AddDays(1), 1, 14);
        hour.Place(Slot).Start.Should().Be(Monday.AddDays(1).ToDateTime(new TimeOnly(14, 15)));
        hour.Place(Slot).End.Should().Be(Monday.AddDays(1).ToDateTime(new TimeOnly(15, 45)));
    }

    [Theory]
    [InlineData("2026-12-09|1", true)]
    [InlineData("2026-12-09|1|14", true)]
    [InlineData("2026-12-09|1|24", false)]
    [InlineData("2026-12-09", false)]
    [InlineData("09/12/2026|1", false)]
    [InlineData("2026-12-09|x", false)]
    [InlineData(null, false)]
    public void A_zone_identifier_reads_back_only_when_well_formed(string? id, bool parses)
    {
        var zone = CalendarZone.Parse(id);

        (zone is not null).Should().Be(parses);
        if (zone is { } z)
        {
            z.Id.Should().Be(id);
        }
    }

    [Fact]
    public void The_week_starts_on_monday_and_the_day_view_shows_a_special_days_own_hours()
    {
        CalendarZone.WeekOf(new DateOnly(2026, 12, 13)).Should().Be(Monday);
        CalendarZone.WeekOf(Monday).Should().Be(Monday);

        CalendarZone.HoursOf(View(), Monday).Should().Be((7, 16));
        CalendarZone.HoursOf(View(), Monday.AddDays(2)).Should().Be((18, 20));
    }

    [Fact]
    public void A_drop_on_the_special_day_is_refused_at_weekday_hours_and_one_past_the_deadline_is_refused()
    {
        var view = View(Slot);
        var special = new CalendarZone(Monday.AddDays(2), 1).Place(Slot);
        view.RefusalIf(special.SiteId, special.Start, special.End).Should().Be(PlacementRefusal.OutsideHours);
        var evening = new CalendarZone(Monday.AddDays(2), 1, 18).Place(Slot);
        view.RefusalIf(evening.SiteId, evening.Start, evening.End).Should().Be(PlacementRefusal.None);
        var late = new CalendarZone(Monday.AddDays(4), 1).Place(Slot);
        view.RefusalIf(late.SiteId, late.Start, late.End).Should().Be(PlacementRefusal.AfterDeadline);
    }

    [Fact]
    public void A_zone_tells_a_refusal_or_the_flags_of_the_slot_being_dragged_and_nothing_at_its_origin()
    {
        Services.AddMudServices();

        Render<ZoneHint>(p => p.Add(h => h.Preview, new ZonePreview(PlacementRefusal.AfterDeadline, SlotProblem.None, false)))
            .Find("[data-testid=zone-refused]").TextContent.Should().Be("Sau hạn: không chuyển được");
        Render<ZoneHint>(p => p.Add(h => h.Preview, new ZonePreview(PlacementRefusal.None, SlotProblem.Overlap | SlotProblem.OverCapacity, false)))
            .Find("[data-testid=zone-flagged]").TextContent.Trim().Should().Be("Trùng giờ với buổi khác · Quá công suất thiết bị");
        Render<ZoneHint>(p => p.Add(h => h.Preview, new ZonePreview(PlacementRefusal.AfterDeadline, SlotProblem.None, true))).Markup.Trim().Should().BeEmpty();
        Render<ZoneHint>(p => p.Add(h => h.Preview, new ZonePreview(PlacementRefusal.None, SlotProblem.None, false))).Markup.Trim().Should().BeEmpty();
    }

    [Fact]
    public void The_typed_form_wants_a_site_a_date_inside_the_campaign_and_times_in_order()
    {
        var validator = new SlotFormValidator();
        var window = new CampaignWindow(Monday.AddDays(-7), Monday.AddDays(3));
        SlotForm Form(DateTime? date, int from, int to) => new SlotForm { SiteId = 1, Date = date, From = TimeSpan.FromHours(from), To = TimeSpan.FromHours(to) }.Use(window);

        validator.Validate(Form(Monday.AddDays(1).ToDateTime(TimeOnly.MinValue), 8, 9)).IsValid.Should().BeTrue();
        validator.Validate(Form(Monday.AddDays(4).ToDateTime(TimeOnly.MinValue), 8, 9)).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be("Ngày phải trong đợt cấp đổi: từ 30/11/2026 đến hạn 10/12/2026.");
        validator.Validate(Form(Monday.AddDays(1).ToDateTime(TimeOnly.MinValue), 9, 8)).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be("Giờ kết thúc phải sau giờ bắt đầu.");
        validator.Validate(new SlotForm { Date = Monday.ToDateTime(TimeOnly.MinValue), From = TimeSpan.FromHours(8), To = TimeSpan.FromHours(9) })
            .Errors.Select(e => e.ErrorMessage).Should().Equal("Chọn điểm tiếp nhận.");
        validator.Validate(new SlotForm { ForNew = true, SiteId = 1, Date = Monday.ToDateTime(TimeOnly.MinValue), From = TimeSpan.FromHours(8), To = TimeSpan.FromHours(9), Members = 0 })
            .Errors.Select(e => e.ErrorMessage).Should().BeEquivalentTo("Chọn chi bộ.", "Số đảng viên phải từ 1 đến số người của chi bộ chưa có lịch.");
    }
}
