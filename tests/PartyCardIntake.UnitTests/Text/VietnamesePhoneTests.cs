using PartyCardIntake.Core.Text;

namespace PartyCardIntake.UnitTests.Text;

public class VietnamesePhoneTests
{
    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("+84 912.345-678", "0912345678")]
    [InlineData("+840912345678", "0912345678")]
    [InlineData("912345678", "0912345678")]
    [InlineData("(0203) 3855 123", "02033855123")]
    [InlineData("0356789012", "0356789012")]
    public void Typed_numbers_become_domestic_digits(string typed, string digits) =>
        VietnamesePhone.Digits(typed).Should().Be(digits);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc-123")]
    [InlineData("12345")]
    [InlineData("0112345678")]
    [InlineData("091234567")]
    [InlineData("09123456789")]
    [InlineData("０９１２３４５６７８")]
    [InlineData("+1 202 555 0100")]
    public void Anything_else_is_not_a_Vietnamese_number(string? typed) =>
        VietnamesePhone.Digits(typed).Should().BeNull();
}
