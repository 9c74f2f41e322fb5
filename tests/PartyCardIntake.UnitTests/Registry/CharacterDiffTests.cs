using System.Text;
using PartyCardIntake.Core.Registry;

namespace PartyCardIntake.UnitTests.Registry;

public class CharacterDiffTests
{
    private static string[] Marked(IReadOnlyList<DiffSegment> side) => side.Where(s => s.Differs).Select(s => s.Text).ToArray();

    private static string Text(IReadOnlyList<DiffSegment> side) => string.Concat(side.Select(s => s.Text));

    [Fact]
    public void A_changed_tone_marks_only_that_letter()
    {
        var diff = CharacterDiff.Compute("Nguyễn Văn Bình", "Nguyễn Văn Bính");

        Marked(diff.Left).Should().Equal("ì");
        Marked(diff.Right).Should().Equal("í");
        Text(diff.Left).Should().Be("Nguyễn Văn Bình");
        Text(diff.Right).Should().Be("Nguyễn Văn Bính");
        diff.Left.Select(s => s.Text).Should().Equal("Nguyễn Văn B", "ì", "nh");
        diff.HasDifferences.Should().BeTrue();
    }

    [Fact]
    public void Identical_values_have_no_marks()
    {
        var diff = CharacterDiff.Compute("Trần Thị Hương", "Trần Thị Hương");

        diff.HasDifferences.Should().BeFalse();
        diff.Left.Should().ContainSingle().Which.Should().Be(new DiffSegment("Trần Thị Hương", false));
        diff.Right.Should().ContainSingle().Which.Should().Be(new DiffSegment("Trần Thị Hương", false));
    }

    [Fact]
    public void Decomposed_and_composed_forms_of_a_name_have_no_marks()
    {
        var name = "Đặng Thị Ngọc Ánh";
        var diff = CharacterDiff.Compute(name.Normalize(NormalizationForm.FormD), name);

        diff.HasDifferences.Should().BeFalse();
        Text(diff.Left).Should().Be(name);
    }

    [Fact]
    public void A_letter_with_its_marks_is_one_unit()
    {
        // Only the circumflex differs, but the officer must see the whole letter marked.
        var diff = CharacterDiff.Compute("Lê Văn Tấn".Normalize(NormalizationForm.FormD), "Lê Văn Tắn");

        Marked(diff.Left).Should().Equal("ấ");
        Marked(diff.Right).Should().Equal("ắ");
    }

    [Fact]
    public void An_inserted_middle_name_is_marked_on_its_side_only()
    {
        var diff = CharacterDiff.Compute("Nguyễn An", "Nguyễn Văn An");

        Marked(diff.Left).Should().BeEmpty();
        Marked(diff.Right).Should().Equal("Văn");
        Text(diff.Right).Should().Be("Nguyễn Văn An");
    }

    [Fact]
    public void Dates_mark_only_the_digit_that_differs()
    {
        var diff = CharacterDiff.Compute("22/11/1932", "22/11/1933");

        diff.Left.Select(s => (s.Text, s.Differs)).Should().Equal(("22/11/193", false), ("2", true));
        diff.Right.Select(s => (s.Text, s.Differs)).Should().Equal(("22/11/193", false), ("3", true));
    }

    [Fact]
    public void A_year_only_date_marks_the_missing_day_and_month()
    {
        var diff = CharacterDiff.Compute("01/01/1941", "1941");

        Marked(diff.Left).Should().Equal("01/01/");
        Marked(diff.Right).Should().BeEmpty();
    }

    [Fact]
    public void An_empty_side_marks_the_whole_other_value()
    {
        var diff = CharacterDiff.Compute(string.Empty, "Số 12, Khu 3");

        diff.Left.Should().BeEmpty();
        diff.Right.Should().Equal(new DiffSegment("Số 12, Khu 3", true));

        CharacterDiff.Compute("Nam", null).Left.Should().Equal(new DiffSegment("Nam", true));
    }

    [Fact]
    public void Case_alone_is_not_a_difference()
    {
        var diff = CharacterDiff.Compute("Nguyễn Văn Bình", "NGUYỄN VĂN BÍNH");

        Marked(diff.Left).Should().Equal("ì");
        Marked(diff.Right).Should().Equal("Í");
    }

    [Fact]
    public void A_different_word_is_marked_whole_rather_than_letter_by_letter()
    {
        var diff = CharacterDiff.Compute("Nguyễn Văn Hùng", "Nguyễn Văn Toàn");

        Marked(diff.Left).Should().Equal("Hùng");
        Marked(diff.Right).Should().Equal("Toàn");
    }

    [Fact]
    public void Renamed_places_are_marked_where_the_address_changed()
    {
        var diff = CharacterDiff.Compute("Tổ 3, Phường Kỳ Sơn, Tỉnh Phú Thọ", "Tổ 3, Thị trấn Kỳ Sơn, Huyện Kỳ Sơn, Tỉnh Hòa Bình");

        Text(diff.Left).Should().StartWith("Tổ 3, ");
        diff.Left[0].Differs.Should().BeFalse();
        Marked(diff.Left).Should().Contain(m => m.Contains("Phường")).And.Contain(m => m.Contains("Phú Thọ"));
        Marked(diff.Right).Should().Contain(m => m.Contains("Hòa Bình"));
    }

    [Fact]
    public void Neighbouring_changed_words_keep_their_letter_marks()
    {
        var diff = CharacterDiff.Compute("Lê Thị Bích Nguyệt", "Lê Thi Bich Nguyệt");

        Marked(diff.Left).Should().Equal("ị", "í");
        Marked(diff.Right).Should().Equal("i", "i");
    }
}
