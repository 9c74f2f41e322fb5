using System.Globalization;
using PartyCardIntake.Web.Features.Reports;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.ComponentTests;

/// <summary>The day a report page may show, as picked: the rules of <see cref="ReportDate"/>, each with its message beside the field.</summary>
public sealed class ReportFormValidatorTests
{
    // 07/12/2026 10:00 in Vietnam.
    private static readonly VietnamTime Time = new(new FixedClock(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero)));

    public ReportFormValidatorTests() => Ui.Culture = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public void Today_and_earlier_days_are_accepted()
    {
        new DailyReportFormValidator(Time).Validate(new DailyReportForm { Date = new DateTime(2026, 12, 7) }).IsValid.Should().BeTrue();
        new DashboardFilterFormValidator(Time).Validate(new DashboardFilterForm { Date = new DateTime(2025, 8, 12) }).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_day_after_today_an_empty_day_and_one_too_far_back_are_refused_with_their_messages()
    {
        var validator = new DailyReportFormValidator(Time);
        Message(validator.Validate(new DailyReportForm { Date = new DateTime(2026, 12, 8) })).Should().Be("Ngày báo cáo không được sau hôm nay.");
        Message(validator.Validate(new DailyReportForm { Date = null })).Should().Be("Chọn ngày báo cáo.");
        Message(validator.Validate(new DailyReportForm { Date = new DateTime(2016, 12, 6) })).Should().Be("Ngày báo cáo không được trước 07/12/2016.");
        Message(new DashboardFilterFormValidator(Time).Validate(new DashboardFilterForm { Date = new DateTime(2027, 1, 1) })).Should().Be("Ngày báo cáo không được sau hôm nay.");
    }

    private static string Message(FluentValidation.Results.ValidationResult result) =>
        result.Errors.Should().ContainSingle().Which.Should().Match<FluentValidation.Results.ValidationFailure>(e => e.PropertyName == "Date").And.Subject.As<FluentValidation.Results.ValidationFailure>().ErrorMessage;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
