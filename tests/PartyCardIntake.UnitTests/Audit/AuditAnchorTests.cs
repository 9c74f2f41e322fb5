using PartyCardIntake.Infrastructure.Audit;

namespace PartyCardIntake.UnitTests.Audit;

public class AuditAnchorTests
{
    private static readonly string Hash = new('a', 64);

    [Fact]
    public void An_anchor_line_reads_back_as_the_same_anchor()
    {
        var anchor = new AuditAnchor(new DateTime(2025, 8, 19, 7, 30, 15, DateTimeKind.Utc), 1234, Hash);

        anchor.ToLine().Should().Be($"2025-08-19T07:30:15Z 1234 {Hash}");
        AuditAnchor.Parse(anchor.ToLine()).Should().Be(anchor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-08-19T07:30:15Z 1234")]
    [InlineData("2025-08-19T07:30:15Z -5 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("2025-08-19T07:30:15Z 12 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("2025-08-19T07:30:15Z 12 abc")]
    [InlineData("19/08/2025 12 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_line_that_is_not_an_anchor_is_skipped(string line)
    {
        AuditAnchor.Parse(line).Should().BeNull();
    }
}
