using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Features.Audit;

namespace PartyCardIntake.IntegrationTests.Audit;

/// <summary>The audit page's filters: their validator's rules, and links with malformed values read without error.</summary>
public sealed class AuditFilterFormTests
{
    private static readonly AuditFilterFormValidator Validator = new();

    private static Dictionary<string, string> Errors(AuditFilterForm form) =>
        Validator.Validate(form).Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);

    private static DateTime D(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);

    [Fact]
    public void A_range_of_one_day_or_more_is_valid_and_either_end_may_be_open()
    {
        Errors(new AuditFilterForm { From = D(2026, 8, 1), To = D(2026, 8, 1) }).Should().BeEmpty();
        Errors(new AuditFilterForm { From = D(2026, 8, 1) }).Should().BeEmpty();
        Errors(new AuditFilterForm { To = D(2026, 8, 1) }).Should().BeEmpty();
    }

    [Fact]
    public void A_range_that_runs_backwards_is_refused_beside_the_end_date()
    {
        Errors(new AuditFilterForm { From = D(2026, 8, 2), To = D(2026, 8, 1) })["To"].Should().Be("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.");
    }

    [Theory]
    [InlineData("12a")]
    [InlineData("-5")]
    [InlineData("99999999999")]
    [InlineData("١٢")]
    public void A_member_id_of_anything_but_digits_is_refused(string member)
    {
        Errors(new AuditFilterForm { MemberId = member })["MemberId"].Should().Be("Mã đảng viên chỉ gồm chữ số.");
    }

    [Fact]
    public void Malformed_link_values_are_dropped_and_good_ones_kept()
    {
        var bad = AuditFilterForm.FromQuery(" ", "x1", "Nothing", "2026-13-45", "32/01/2026");
        (bad.UserName, bad.MemberId, bad.Action, bad.From, bad.To).Should().Be(((string?)null, (string?)null, (AuditAction?)null, (DateTime?)null, (DateTime?)null));
        AuditFilterForm.FromQuery(null, null, "5", null, null).Action.Should().BeNull("a number is not an action's name");

        var good = AuditFilterForm.FromQuery(" demo.admin ", "42", "SignIn", "2026-08-01", "15/08/2026");
        (good.UserName, good.MemberId, good.Action, good.From, good.To).Should().Be(("demo.admin", "42", (AuditAction?)AuditAction.SignIn, (DateTime?)D(2026, 8, 1), (DateTime?)D(2026, 8, 15)));

        var filter = good.ToFilter(2, 25);
        (filter.UserName, filter.MemberId, filter.Action, filter.From, filter.To, filter.Page, filter.PageSize)
            .Should().Be(("demo.admin", (int?)42, (AuditAction?)AuditAction.SignIn, (DateOnly?)new DateOnly(2026, 8, 1), (DateOnly?)new DateOnly(2026, 8, 15), 2, 25));
    }
}
