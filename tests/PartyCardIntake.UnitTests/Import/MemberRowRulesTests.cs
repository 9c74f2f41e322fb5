using PartyCardIntake.Infrastructure.Import;

namespace PartyCardIntake.UnitTests.Import;

public class MemberRowRulesTests
{
    [Theory]
    [InlineData("Nguyễn Văn A", true)]
    [InlineData("H'Hen Niê", true)]
    [InlineData("Lê Thị B (Út)", true)]
    [InlineData("<script>alert(1)</script>", false)]
    [InlineData("Trần <b>Văn</b>", false)]
    [InlineData("a>b", false)]
    [InlineData("123", false)]
    [InlineData("   ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Nguyễn\u0007Văn", false)]
    public void A_name_has_letters_and_no_markup(string? name, bool valid) =>
        MemberRowRules.IsValidName(name).Should().Be(valid);

    [Theory]
    [InlineData("Chi bộ Khu phố 1", true)]
    [InlineData(null, true)]
    [InlineData("Số 5 <ngõ 3>", false)]
    [InlineData("Tổ 3\nkhu 1", false)]
    public void Free_text_has_no_markup_and_no_control_characters(string? text, bool valid) =>
        MemberRowRules.IsPlainText(text).Should().Be(valid);

    [Theory]
    [InlineData("0912345678", true)]
    [InlineData("0386123456", true)]
    [InlineData("0521234567", true)]
    [InlineData("0701234567", true)]
    [InlineData("0812345678", true)]
    [InlineData("02438251234", true)]
    [InlineData("0112345678", false)]
    [InlineData("0612345678", false)]
    [InlineData("0412345678", false)]
    [InlineData("912345678", false)]
    [InlineData("09123456789", false)]
    [InlineData("03861234567", false)]
    [InlineData("0243825123", false)]
    [InlineData("０９１２３４５６７８", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_phone_is_a_vietnamese_mobile_or_fixed_line_number(string? digits, bool valid) =>
        MemberRowRules.IsVietnamesePhone(digits).Should().Be(valid);

    [Fact]
    public void Every_text_field_has_a_maximum_length()
    {
        (MemberRowRules.MaxNameLength, MemberRowRules.MaxCellLength, MemberRowRules.MaxCardLength, MemberRowRules.MaxPhoneLength, MemberRowRules.MaxAddressLength)
            .Should().Be((200, 200, 30, 11, 500));
    }
}
