using System.Text;
using PartyCardIntake.Core.Text;

namespace PartyCardIntake.UnitTests.Text;

public class VietnameseNameOrderTests
{
    private static readonly VietnameseNameOrder Order = VietnameseNameOrder.Instance;

    [Fact]
    public void D_comes_before_the_letter_dd()
    {
        Order.Compare("Lê Văn Dung", "Lê Văn Đức").Should().BeNegative();
        Order.Compare("Trần Thị Dương", "Nguyễn Văn Đa").Should().BeNegative();
        new[] { "Phạm Văn Đức", "Lê Thị Dung", "Hoàng Văn Em", "Trần Văn Cường" }.Order(Order)
            .Should().Equal("Trần Văn Cường", "Lê Thị Dung", "Phạm Văn Đức", "Hoàng Văn Em");
    }

    [Fact]
    public void Letters_follow_the_vietnamese_alphabet()
    {
        var alphabet = new[] { "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y" };
        alphabet.Reverse().Order(Order).Should().Equal(alphabet);

        // A letter of its own outranks everything after the plain letter: "Ăn" after "Ao", "Ưu" after "Uy".
        new[] { "Ăn", "Ao", "Anh", "An" }.Order(Order).Should().Equal("An", "Anh", "Ao", "Ăn");
        new[] { "Ưu", "Uy" }.Order(Order).Should().Equal("Uy", "Ưu");
    }

    [Fact]
    public void Given_name_comes_first_then_the_rest()
    {
        Order.Compare("Nguyễn Văn An", "Trần Thị Bình").Should().BeNegative();
        new[] { "Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Bình", "Phạm Thu Hà", "Bình" }.Order(Order)
            .Should().Equal("Trần Thị An", "Bình", "Lê Văn Bình", "Nguyễn Văn Bình", "Phạm Thu Hà");
    }

    [Fact]
    public void Tones_come_after_the_letters_in_dictionary_order()
    {
        var tones = new[] { "Binh", "Bình", "Bỉnh", "Bĩnh", "Bính", "Bịnh" };
        tones.Reverse().Order(Order).Should().Equal(tones);

        // The letters of the word decide before its tone does.
        new[] { "Ao", "Ánh", "Anh" }.Order(Order).Should().Equal("Anh", "Ánh", "Ao");
        new[] { "Lê Bà Anh", "Lê Ba Anh", "Lê Bác Anh" }.Order(Order).Should().Equal("Lê Ba Anh", "Lê Bà Anh", "Lê Bác Anh");
    }

    [Fact]
    public void Decomposed_input_orders_as_its_composed_form()
    {
        foreach (var name in new[] { "Nguyễn Thị Hương", "Đặng Văn Ước", "Trương Ơn" })
        {
            var nfd = name.Normalize(NormalizationForm.FormD);
            nfd.Should().NotBe(name);
            Order.Compare(nfd, name).Should().Be(0);
            VietnameseNameOrder.Key(nfd).Should().Be(VietnameseNameOrder.Key(name));
        }
    }

    [Fact]
    public void Case_and_spacing_do_not_count_and_ties_keep_their_order()
    {
        Order.Compare("NGUYỄN VĂN AN", " Nguyễn  Văn An ").Should().Be(0);

        var people = new[] { (Id: 1, Name: "Nguyễn Văn An"), (Id: 2, Name: "Lê Bình"), (Id: 3, Name: "NGUYỄN VĂN AN"), (Id: 4, Name: "nguyễn văn an") };
        people.OrderBy(p => p.Name, Order).Select(p => p.Id).Should().Equal(1, 3, 4, 2);
    }

    [Fact]
    public void Empty_and_missing_names_come_first()
    {
        new[] { "An", null, "" }.Order(Order).Should().Equal(null, "", "An");
    }

    [Fact]
    public void The_key_orders_by_ordinal_comparison_and_holds_only_plain_ascii()
    {
        var names = new[] { "Hà Văn Đông", "Hà Văn Dũng", "Ê Ban", "Y Bhin Niê", "H'Hen Niê", "Âu Ánh", "Đỗ Ơn", "ĐINH THỊ ƯỚC" };
        names.OrderBy(VietnameseNameOrder.Key, StringComparer.Ordinal).Should().Equal(names.Order(Order));
        names.Select(VietnameseNameOrder.Key).Should().OnlyContain(k => k.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == ' '));
    }
}
