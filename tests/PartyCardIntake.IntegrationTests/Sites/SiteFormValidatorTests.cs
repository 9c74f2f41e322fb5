using System.Globalization;
using System.Text;
using FluentValidation.Results;
using PartyCardIntake.Web.Features.Sites;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.IntegrationTests.Sites;

/// <summary>Every rule of the site form, without a database: the validator alone, on a clock fixed at 6 December 2026.</summary>
public sealed class SiteFormValidatorTests
{
    private static readonly SiteFormValidator Validator = new(new VietnamTime(new FixedClock(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero))));

    [Fact]
    public void The_default_form_with_a_name_is_valid()
    {
        Errors(Valid()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_name_is_required(string? name)
    {
        var form = Valid();
        form.Name = name;
        Errors(form).Should().ContainSingle(e => e.PropertyName == "Name").Which.ErrorMessage.Should().Be("Tên điểm tiếp nhận không được để trống.");
    }

    [Fact]
    public void Over_long_text_is_refused_but_lengths_count_the_saved_nfc_text()
    {
        var form = Valid();
        form.Name = new string('a', 201);
        form.Address = new string('b', 501);
        form.NewDevice = new string('c', 101);
        Errors(form).Select(e => (e.PropertyName, e.ErrorMessage)).Should().BeEquivalentTo(new[]
        {
            ("Name", "Tên điểm tiếp nhận tối đa 200 ký tự."),
            ("Address", "Địa chỉ tối đa 500 ký tự."),
            ("NewDevice", "Tên thiết bị tối đa 100 ký tự."),
        });

        // 200 letters with diacritics typed decomposed are 400+ code points, but 200 once saved.
        var nfd = string.Concat(Enumerable.Repeat("ễ", 200)).Normalize(NormalizationForm.FormD);
        nfd.Length.Should().BeGreaterThan(200);
        form = Valid();
        form.Name = nfd;
        Errors(form).Should().BeEmpty();
    }

    [Theory]
    [InlineData(0, null, "MinutesPerMember")]
    [InlineData(121, null, "MinutesPerMember")]
    [InlineData(null, null, "MinutesPerMember")]
    [InlineData(3, 0, "RecordsPerDevicePerDay")]
    [InlineData(3, 2001, "RecordsPerDevicePerDay")]
    [InlineData(3, 1, "RecordsPerDevicePerDay")] // 10 hours for one record: 600 minutes a member
    public void Capacity_figures_are_kept_in_range(int? minutes, int? records, string property)
    {
        var form = Valid();
        form.MinutesPerMember = minutes;
        form.RecordsPerDevicePerDay = records;
        Errors(form).Should().ContainSingle().Which.PropertyName.Should().Be(property);
    }

    [Fact]
    public void Records_per_device_replace_the_minutes()
    {
        var form = Valid();
        form.MinutesPerMember = null;
        form.RecordsPerDevicePerDay = 250;
        Errors(form).Should().BeEmpty();
        form.EffectiveMinutes().Should().Be(2, "07:00–17:00 is 600 minutes, 600 / 250 ≈ 2");
    }

    [Fact]
    public void Closing_before_opening_names_the_day_beside_its_closing_time_and_the_other_days_are_untouched()
    {
        var form = Valid();
        Day(form, DayOfWeek.Wednesday).Closes = "06:00";
        var error = Errors(form).Should().ContainSingle().Subject;
        error.PropertyName.Should().Be("Days[2].Closes");
        error.ErrorMessage.Should().Be("Thứ Tư: giờ đóng cửa phải sau giờ mở cửa.");
        form.Days.Select(d => d.Opens).Should().AllBe("07:00");
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("07:60")]
    [InlineData("7h")]
    [InlineData("0700")]
    [InlineData("07:00:00")]
    [InlineData("-1:00")]
    [InlineData("０７:００")] // full-width digits
    [InlineData("٠٧:٠٠")] // Arabic-Indic digits
    [InlineData("07:0")] // a field that cut off what was typed
    public void Times_are_24_hour_ascii_from_00_00_to_23_59(string opens)
    {
        var form = Valid();
        Day(form, DayOfWeek.Monday).Opens = opens;
        var error = Errors(form).Should().ContainSingle().Subject;
        error.PropertyName.Should().Be("Days[0].Opens");
        error.ErrorMessage.Should().Be($"Thứ Hai: \"{opens}\" không phải giờ hợp lệ; ghi theo 24 giờ, từ 00:00 đến 23:59, ví dụ 07:00.");
    }

    [Theory]
    [InlineData("7:00", "21:30")]
    [InlineData("00:00", "23:59")]
    [InlineData(" 07:00 ", "17:00")]
    public void Valid_times_are_accepted(string opens, string closes)
    {
        var form = Valid();
        Day(form, DayOfWeek.Sunday).Opens = opens;
        Day(form, DayOfWeek.Sunday).Closes = closes;
        Errors(form).Should().BeEmpty();
    }

    [Fact]
    public void An_open_day_needs_both_times_and_a_closed_day_none()
    {
        var form = Valid();
        Day(form, DayOfWeek.Tuesday).Opens = null;
        Day(form, DayOfWeek.Thursday).Closes = " ";
        Day(form, DayOfWeek.Saturday).Open = false;
        Day(form, DayOfWeek.Saturday).Opens = "rác";
        Errors(form).Select(e => (e.PropertyName, e.ErrorMessage)).Should().BeEquivalentTo(new[]
        {
            ("Days[1].Opens", "Thứ Ba: chưa điền giờ mở cửa."),
            ("Days[3].Closes", "Thứ Năm: chưa điền giờ đóng cửa."),
        });
    }

    [Theory]
    [InlineData("11:30", null, "Days[4].BreakEnds", "Thứ Sáu: cần điền cả giờ bắt đầu và giờ kết thúc nghỉ.")]
    [InlineData(null, "13:30", "Days[4].BreakStarts", "Thứ Sáu: cần điền cả giờ bắt đầu và giờ kết thúc nghỉ.")]
    [InlineData("13:30", "11:30", "Days[4].BreakEnds", "Thứ Sáu: giờ nghỉ phải nằm trong giờ mở cửa và kết thúc sau khi bắt đầu.")]
    [InlineData("06:00", "08:00", "Days[4].BreakEnds", "Thứ Sáu: giờ nghỉ phải nằm trong giờ mở cửa và kết thúc sau khi bắt đầu.")]
    [InlineData("16:00", "17:00", "Days[4].BreakEnds", "Thứ Sáu: giờ nghỉ phải nằm trong giờ mở cửa và kết thúc sau khi bắt đầu.")]
    [InlineData("11:30", "1:3O", "Days[4].BreakEnds", "Thứ Sáu: \"1:3O\" không phải giờ hợp lệ; ghi theo 24 giờ, từ 00:00 đến 23:59, ví dụ 07:00.")]
    public void A_break_lies_inside_the_day(string? starts, string? ends, string property, string message)
    {
        var form = Valid();
        Day(form, DayOfWeek.Friday).BreakStarts = starts;
        Day(form, DayOfWeek.Friday).BreakEnds = ends;
        var error = Errors(form).Should().ContainSingle().Subject;
        (error.PropertyName, error.ErrorMessage).Should().Be((property, message));
    }

    [Fact]
    public void A_break_makes_two_intervals()
    {
        var day = new DayHoursForm { Day = DayOfWeek.Monday, Opens = "07:00", Closes = "17:00", BreakStarts = "11:30", BreakEnds = "13:30" };
        Core.Planning.SiteSchedule.Format(day.ToIntervals()).Should().Be("07:00-11:30, 13:30-17:00");
    }

    [Fact]
    public void Stored_hours_with_two_breaks_keep_the_first_break_and_say_what_was_stored()
    {
        var day = new DayHoursForm { Day = DayOfWeek.Monday };
        day.SetFrom(
        [
            new(new TimeOnly(7, 0), new TimeOnly(9, 0)),
            new(new TimeOnly(10, 0), new TimeOnly(12, 0)),
            new(new TimeOnly(13, 0), new TimeOnly(17, 0)),
        ]);
        (day.Opens, day.Closes, day.BreakStarts, day.BreakEnds).Should().Be(("07:00", "17:00", "09:00", "10:00"));
        day.MoreBreaksThanTheForm.Should().Be("07:00-09:00, 10:00-12:00, 13:00-17:00");

        day.SetFrom([new(new TimeOnly(7, 0), new TimeOnly(17, 0))]);
        day.MoreBreaksThanTheForm.Should().BeNull();
    }

    [Fact]
    public void At_least_one_day_is_open_unless_the_site_has_no_fixed_hours()
    {
        var form = Valid();
        form.Days.ForEach(d => d.Open = false);
        Errors(form).Should().ContainSingle().Which.Should().Match<ValidationFailure>(e => e.PropertyName == "Days" && e.ErrorMessage == "Điểm tiếp nhận phải mở cửa ít nhất một ngày trong tuần.");

        form.NoFixedHours = true;
        Errors(form).Should().BeEmpty();

        // Without fixed hours, the week's fields are not checked at all (they are hidden).
        Day(form, DayOfWeek.Monday).Open = true;
        Day(form, DayOfWeek.Monday).Opens = "25:00";
        Errors(form).Should().BeEmpty();
    }

    [Theory]
    [InlineData(2099, 1, 1)]
    [InlineData(2029, 1, 1)]
    [InlineData(2019, 12, 31)]
    [InlineData(1, 1, 1)]
    public void A_special_day_lies_within_a_sane_range(int year, int month, int day)
    {
        var form = Valid();
        form.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(year, month, day), Open = false });
        var error = Errors(form).Should().ContainSingle().Subject;
        error.PropertyName.Should().Be("SpecialDays[0].Date");
        var date = new DateOnly(year, month, day).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        error.ErrorMessage.Should().Be($"Ngày {date}: phải trong khoảng từ 01/01/2020 đến 06/12/2028.");
    }

    [Fact]
    public void Special_days_in_range_past_or_future_are_accepted()
    {
        var form = Valid();
        form.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(2025, 9, 2), Open = false });
        form.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(2028, 12, 6), Open = true, Opens = "07:00", Closes = "23:00" });
        Errors(form).Should().BeEmpty();
    }

    [Fact]
    public void A_special_day_needs_a_date_and_is_not_listed_twice()
    {
        var form = Valid();
        form.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(2026, 9, 2), Open = false });
        form.SpecialDays.Add(new SpecialDayForm { Date = null, Open = false });
        form.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(2026, 9, 2), Open = true, Opens = "07:00", Closes = "11:00" });
        Errors(form).Select(e => (e.PropertyName, e.ErrorMessage)).Should().BeEquivalentTo(new[]
        {
            ("SpecialDays[1].Date", "Ngày đặc biệt: chưa chọn ngày."),
            ("SpecialDays[2].Date", "Ngày 02/09/2026 đã có ở dòng trên."),
        });
    }

    [Fact]
    public void A_special_days_hours_follow_the_weekday_rules_and_name_its_date()
    {
        var form = Valid();
        form.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(2026, 9, 2), Open = true, Opens = "21:00", Closes = "07:00" });
        Errors(form).Should().ContainSingle().Which.Should().Match<ValidationFailure>(
            e => e.PropertyName == "SpecialDays[0].Closes" && e.ErrorMessage == "Ngày 02/09/2026: giờ đóng cửa phải sau giờ mở cửa.");
    }

    [Fact]
    public void At_most_two_hundred_special_days()
    {
        var form = Valid();
        form.SpecialDays.AddRange(Enumerable.Range(0, 201).Select(i => new SpecialDayForm { Date = new DateTime(2026, 1, 1).AddDays(i), Open = false }));
        Errors(form).Should().ContainSingle().Which.ErrorMessage.Should().Be("Tối đa 200 ngày đặc biệt.");
    }

    [Fact]
    public void Devices_are_named_once_each()
    {
        var form = Valid();
        form.Devices.Add(new DeviceForm { Id = 1, Name = "Máy 1" });
        form.Devices.Add(new DeviceForm { Id = 2, Name = "Máy  1" });
        form.Devices.Add(new DeviceForm { Id = 3, Name = " " });
        form.Devices.Add(new DeviceForm { Id = 4, Name = new string('x', 101) });
        form.NewDevice = "Máy 1";
        Errors(form).Select(e => (e.PropertyName, e.ErrorMessage)).Should().BeEquivalentTo(new[]
        {
            ("Devices[1].Name", "Điểm tiếp nhận đã có thiết bị mang tên này."),
            ("Devices[2].Name", "Tên thiết bị không được để trống."),
            ("Devices[3].Name", "Tên thiết bị tối đa 100 ký tự."),
            ("NewDevice", "Điểm tiếp nhận đã có thiết bị mang tên này."),
        });
    }

    [Fact]
    public void What_was_typed_stays_in_the_form_after_an_error()
    {
        var form = Valid();
        var typed = new[] { "7:00", "07:05", "25:00", "07:15", "07:20", "07:25", "07:30" };
        for (var i = 0; i < 7; i++)
        {
            form.Days[i].Opens = typed[i];
        }

        Errors(form).Should().ContainSingle().Which.PropertyName.Should().Be("Days[2].Opens");
        form.Days.Select(d => d.Opens).Should().Equal(typed);
    }

    private static SiteForm Valid() => new() { Name = "Nhà văn hóa khu 3" };

    private static DayHoursForm Day(SiteForm form, DayOfWeek day) => form.Days.Single(d => d.Day == day);

    private static List<ValidationFailure> Errors(SiteForm form) => Validator.Validate(form).Errors;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Markup_in_a_name_or_an_address_is_refused_beside_it()
    {
        var form = Valid();
        form.Name = "Điểm <img src=x>";
        form.Address = "Số 5 <b>";
        Errors(form).Select(e => (e.PropertyName, e.ErrorMessage)).Should().BeEquivalentTo(new[]
        {
            ("Name", "Không dùng ký tự < hoặc >."),
            ("Address", "Không dùng ký tự < hoặc >."),
        });
    }
}
