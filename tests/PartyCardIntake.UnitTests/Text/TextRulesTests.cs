using PartyCardIntake.Core.Text;

namespace PartyCardIntake.UnitTests.Text;

public class TextRulesTests
{
    [Theory]
    [InlineData("Nguyễn Thị Hương", true)]
    [InlineData("Nguyễn Thị Hương (bí danh: Hai)", true)]
    [InlineData("12345", false)]
    [InlineData("<script>alert(1)</script>", false)]
    [InlineData("Lê <b>Văn</b>", false)]
    [InlineData("Lê\u0007Văn", false)]
    [InlineData("   ", false)]
    [InlineData(null, false)]
    public void A_name_has_letters_and_no_markup(string? name, bool valid) =>
        TextRules.IsPersonName(name).Should().Be(valid);

    [Theory]
    [InlineData(null, true)]
    [InlineData("Số 5, ngõ 12/3, tổ 4", true)]
    [InlineData("a > b", false)]
    [InlineData("dòng một\ndòng hai", false)]
    public void Plain_text_has_no_markup_and_no_control_characters(string? text, bool plain) =>
        TextRules.IsPlain(text).Should().Be(plain);
}
