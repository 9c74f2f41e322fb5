using System.Text;
using PartyCardIntake.Core.Text;

namespace PartyCardIntake.UnitTests.Text;

public class VietnameseTextTests
{
    [Fact]
    public void Nfd_and_nfc_forms_of_a_name_are_equal()
    {
        var nfc = "Nguyễn Thị Hương";
        var nfd = nfc.Normalize(NormalizationForm.FormD);
        nfd.Should().NotBe(nfc);
        VietnameseText.NamesEqual(nfc, nfd).Should().BeTrue();
        VietnameseText.Normalize(nfd).Should().Be(nfc);
    }

    [Fact]
    public void A_different_diacritic_is_a_different_name()
    {
        VietnameseText.NamesEqual("Nguyễn Văn An", "Nguyển Văn An").Should().BeFalse();
    }

    [Fact]
    public void Spaces_are_trimmed_and_collapsed()
    {
        VietnameseText.Normalize("  Trần \t Văn\u00A0  Bình ").Should().Be("Trần Văn Bình");
    }

    [Theory]
    [InlineData("Nguyễn Văn A", "nguyen van a")]
    [InlineData("ĐẶNG THỊ ĐÀO", "dang thi dao")]
    [InlineData("Trương Ưng Ơn", "truong ung on")]
    [InlineData("Lê Thị Ánh Tuyết", "le thi anh tuyet")]
    public void Fold_removes_diacritics_and_case(string name, string folded)
    {
        VietnameseText.Fold(name).Should().Be(folded);
        VietnameseText.Fold(name.Normalize(NormalizationForm.FormD)).Should().Be(folded);
    }

    [Fact]
    public void Lists_sort_by_given_name_then_the_rest()
    {
        var names = new[] { "Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Bình", "Phạm Thu Hà" };
        names.OrderBy(VietnameseText.SortKey, StringComparer.Ordinal)
            .Should().Equal("Trần Thị An", "Lê Văn Bình", "Nguyễn Văn Bình", "Phạm Thu Hà");
    }

    [Fact]
    public void Given_name_is_the_last_word()
    {
        VietnameseText.GivenName(" Nguyễn  Thị Thu  Hà ").Should().Be("Hà");
        VietnameseText.GivenName("Hà").Should().Be("Hà");
    }
}
