using PartyCardIntake.Web.Features.Reports;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>The day in a report's address: today by default, never later, never absurdly early.</summary>
public sealed class ReportDateTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Theory]
    [InlineData(null, "2026-12-07")]
    [InlineData("", "2026-12-07")]
    [InlineData("2026-12-01", "2026-12-01")]
    [InlineData(" 2026-12-07 ", "2026-12-07")]
    [InlineData("2016-12-07", "2016-12-07")]
    public void Accepts(string? value, string expected)
    {
        ReportDate.TryParse(value, Today, out var date).Should().BeTrue();
        ReportDate.Iso(date).Should().Be(expected);
    }

    [Theory]
    [InlineData("2026-12-08")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("2016-12-06")]
    [InlineData("07/12/2026")]
    [InlineData("2026-02-30")]
    [InlineData("x")]
    public void Refuses(string value) => ReportDate.TryParse(value, Today, out _).Should().BeFalse();
}
