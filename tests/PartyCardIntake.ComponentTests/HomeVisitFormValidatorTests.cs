using PartyCardIntake.Core.Planning;
using PartyCardIntake.Web.Features.HomeVisits;

namespace PartyCardIntake.ComponentTests;

/// <summary>The rules of a home visit's time and details, against a fixed calendar: visiting window, deadline, past, lengths.</summary>
public sealed class HomeVisitFormValidatorTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 10, 0, 0);
    private static readonly DateOnly Deadline = new(2026, 12, 28);
    private readonly HomeVisitFormValidator validator = new();

    private static HomeVisitForm Form(DateTime? date = null, int hour = 9, int minute = 0, int? duration = 30) => new HomeVisitForm
    {
        Date = date ?? new DateTime(2026, 12, 8),
        Start = new TimeSpan(hour, minute, 0),
        Duration = duration,
        OfficerId = "officer",
        Team = "Tổ lưu động 1",
        Address = "Số 12, ngõ 4, Khu 3",
    }.Use(HomeVisitCalendar.Fixed(Now, Deadline, new TimeOnly(7, 0), new TimeOnly(20, 0)));

    private Dictionary<string, string> Errors(HomeVisitForm form) =>
        validator.Validate(form).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);

    [Fact]
    public void A_visit_at_02_00_is_refused_beside_the_time()
    {
        Errors(Form(hour: 2)).Should().ContainKey(nameof(HomeVisitForm.Start))
            .WhoseValue.Should().Be("Giờ thăm phải nằm trong khung 07:00–20:00 của ngày này.");
    }

    [Theory]
    [InlineData(7, 30, 30)]
    [InlineData(7, 0, 30)]
    [InlineData(19, 30, 30)]
    public void A_visit_inside_the_window_is_accepted(int hour, int minute, int duration)
    {
        Errors(Form(hour: hour, minute: minute, duration: duration)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(6, 59, 30)]
    [InlineData(19, 45, 30)]
    [InlineData(23, 50, 30)]
    public void A_visit_starting_before_or_ending_after_the_window_is_refused(int hour, int minute, int duration)
    {
        Errors(Form(hour: hour, minute: minute, duration: duration)).Should().ContainKey(nameof(HomeVisitForm.Start));
    }

    [Fact]
    public void The_window_is_the_days_own()
    {
        var sites = new HomeVisitCalendar(Now, Deadline, day => day.DayOfWeek == DayOfWeek.Sunday ? (new TimeOnly(7, 0), new TimeOnly(20, 0)) : (new TimeOnly(7, 0), new TimeOnly(23, 0)));
        var late = Form(new DateTime(2026, 12, 8), hour: 21);
        late.Use(sites);
        Errors(late).Should().BeEmpty("a Tuesday's site closes at 23:00");
        var sunday = Form(new DateTime(2026, 12, 13), hour: 21);
        sunday.Use(sites);
        Errors(sunday).Should().ContainKey(nameof(HomeVisitForm.Start));
    }

    [Theory]
    [InlineData(2027, 1, 5)]
    [InlineData(2026, 12, 29)]
    public void A_date_after_the_deadline_is_refused_beside_the_date(int year, int month, int day)
    {
        Errors(Form(new DateTime(year, month, day))).Should().ContainKey(nameof(HomeVisitForm.Date))
            .WhoseValue.Should().Contain("sau hạn hoàn thành").And.Contain("28/12/2026");
    }

    [Fact]
    public void The_deadline_itself_is_accepted()
    {
        Errors(Form(new DateTime(2026, 12, 28))).Should().BeEmpty();
    }

    [Fact]
    public void A_past_date_or_an_earlier_hour_today_is_refused()
    {
        Errors(Form(new DateTime(2026, 12, 6))).Should().ContainKey(nameof(HomeVisitForm.Date)).WhoseValue.Should().StartWith("Thời gian hẹn đã qua");
        Errors(Form(new DateTime(2026, 12, 7), hour: 9)).Should().ContainKey(nameof(HomeVisitForm.Start)).WhoseValue.Should().StartWith("Thời gian hẹn đã qua");
        Errors(Form(new DateTime(2026, 12, 7), hour: 11)).Should().BeEmpty();
    }

    [Fact]
    public void Over_long_note_team_and_address_are_refused_beside_each_field()
    {
        var form = Form();
        form.Note = new string('n', HomeVisitForm.NoteMax + 1);
        form.Team = new string('t', HomeVisitForm.TeamMax + 1);
        form.Address = new string('a', HomeVisitForm.AddressMax + 1);
        var errors = Errors(form);
        errors[nameof(HomeVisitForm.Note)].Should().Be("Tối đa 500 ký tự.");
        errors[nameof(HomeVisitForm.Team)].Should().Be("Tối đa 100 ký tự.");
        errors[nameof(HomeVisitForm.Address)].Should().Be("Tối đa 500 ký tự.");
        form.Note = new string('n', HomeVisitForm.NoteMax);
        Errors(form).Should().NotContainKey(nameof(HomeVisitForm.Note));
    }

    [Fact]
    public void Missing_values_and_bad_lengths_have_their_messages()
    {
        var form = new HomeVisitForm { Duration = 0 };
        var errors = Errors(form);
        errors[nameof(HomeVisitForm.Date)].Should().Be("Chưa chọn ngày hẹn.");
        errors[nameof(HomeVisitForm.Start)].Should().StartWith("Chưa nhập giờ bắt đầu");
        errors[nameof(HomeVisitForm.Duration)].Should().StartWith("Giờ kết thúc phải sau giờ bắt đầu");
        errors[nameof(HomeVisitForm.OfficerId)].Should().Be("Chưa chọn cán bộ phụ trách.");
        errors[nameof(HomeVisitForm.Team)].Should().Be("Chưa nhập tổ đi thăm.");
        errors[nameof(HomeVisitForm.Address)].Should().Be("Chưa nhập địa chỉ đến thăm.");
        Errors(Form(duration: 241)).Should().ContainKey(nameof(HomeVisitForm.Duration));
    }

    [Fact]
    public void A_moved_visit_asks_no_team_or_address()
    {
        var form = Form();
        form.WithDetails = false;
        form.Team = null;
        form.Address = null;
        Errors(form).Should().BeEmpty();
    }

    [Theory]
    [InlineData(0, 0, 23, 59, 7, 0, 20, 0)]   // a site open round the clock: the visiting window still bounds visits
    [InlineData(7, 30, 17, 0, 7, 30, 17, 0)]  // a site open inside the window: its own hours
    [InlineData(6, 0, 11, 30, 7, 0, 11, 30)]  // opening before the window: the window's start
    [InlineData(21, 0, 23, 0, 7, 0, 20, 0)]   // open only after the window: the window
    public void The_window_is_the_sites_hours_kept_inside_the_visiting_window(int oh, int om, int ch, int cm, int fh, int fm, int th, int tm)
    {
        var site = SiteSchedule.EveryDay(new TimeOnly(oh, om), new TimeOnly(ch, cm));
        var calendar = HomeVisitCalendar.From(Now, Deadline, [site], new HomeVisitOptions());
        calendar.Window(new DateOnly(2026, 12, 8)).Should().Be((new TimeOnly(fh, fm), new TimeOnly(th, tm)));
    }

    [Fact]
    public void A_visit_at_02_00_is_refused_even_when_a_site_is_open_round_the_clock()
    {
        var form = Form(hour: 2).Use(HomeVisitCalendar.From(Now, Deadline, [SiteSchedule.EveryDay(new TimeOnly(0, 0), new TimeOnly(23, 59))], new HomeVisitOptions()));
        Errors(form).Should().ContainKey(nameof(HomeVisitForm.Start));
    }
}
