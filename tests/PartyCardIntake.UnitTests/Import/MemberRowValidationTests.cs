using System.Text;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;
using static PartyCardIntake.UnitTests.Import.MemberFiles;

namespace PartyCardIntake.UnitTests.Import;

public class MemberRowValidationTests
{
    [Fact]
    public void Valid_row_becomes_a_member_with_normalised_values()
    {
        var result = ParseRows(ValidRow());

        result.FileError.Should().BeNull();
        result.Errors.Should().BeEmpty();
        result.DataRows.Should().Be(1);
        result.Valid.Should().ContainSingle().Which.Should().Be(new ImportedMember(
            2, PersonalIdNumber.Parse("025085004321"), "Trần Văn Minh", Sex.Male, 1985, new DateOnly(1985, 3, 15),
            "Chi bộ Khu phố 1", "21034567", new DateOnly(2012, 5, 19), "0912345678", "Tổ 3, khu phố 1, phường Kỳ Sơn"));
    }

    [Fact]
    public void Optional_columns_left_empty_are_null()
    {
        var row = ValidRow().With(ImportColumn.PartyCardNumber, "").With(ImportColumn.JoinedOn, " ")
            .With(ImportColumn.Phone, "").With(ImportColumn.Address, "");

        var member = ParseRows(row).Valid.Should().ContainSingle().Subject;

        (member.PartyCardNumber, member.JoinedOn, member.Phone, member.Address).Should().Be((null, null, null, null));
    }

    [Theory]
    [InlineData("", "id.empty")]
    [InlineData("   ", "id.empty")]
    [InlineData("02508500432", "id.wrong-length")]
    [InlineData("0250850043210", "id.wrong-length")]
    [InlineData("0250850A4321", "id.not-digits")]
    [InlineData("025 085 004 321", "id.not-digits")]
    [InlineData("025.085.004.321", "id.not-digits")]
    [InlineData("０２５０８５００４３２１", "id.unicode-digits")]
    [InlineData("٠٢٥٠٨٥٠٠٤٣٢١", "id.unicode-digits")]
    [InlineData("003085004321", "id.unknown-province")]
    [InlineData("025485004321", "id.unsupported-century")]
    [InlineData("025185004321", "id.sex-mismatch")]
    [InlineData("025086004321", "id.year-mismatch")]
    public void Bad_id_number_is_reported_on_the_id_column(string id, string code)
    {
        var result = ParseRows(ValidRow().With(ImportColumn.IdNumber, id));

        result.Valid.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Should().Be(new ImportError(2, ImportColumn.IdNumber, code, id.Trim() is "" ? null : id.Trim()));
    }

    [Fact]
    public void Id_with_both_sex_and_year_wrong_reports_both()
    {
        var result = ParseRows(ValidRow().With(ImportColumn.IdNumber, "025186004321"));

        ErrorsOf(result).Should().Equal(
            (ImportColumn.IdNumber, "id.sex-mismatch"), (ImportColumn.IdNumber, "id.year-mismatch"));
    }

    [Fact]
    public void Surrounding_spaces_of_an_id_number_are_forgiven()
    {
        var result = ParseRows(ValidRow().With(ImportColumn.IdNumber, "  025085004321\u00A0"));

        result.Valid.Should().ContainSingle().Which.IdNumber.Value.Should().Be("025085004321");
    }

    [Fact]
    public void Id_consistency_is_not_checked_against_a_sex_or_date_that_is_itself_wrong()
    {
        // The ID says female, 1986; neither can be compared with an unreadable sex or date.
        var id = "025186004321";

        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.IdNumber, id).With(ImportColumn.Sex, "?")))
            .Should().Equal((ImportColumn.Sex, "sex.invalid"));
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.IdNumber, id).With(ImportColumn.DateOfBirth, "31/02/1986")))
            .Should().Equal((ImportColumn.DateOfBirth, "dob.invalid"));
    }

    [Theory]
    [InlineData("", "name.empty")]
    [InlineData("   ", "name.empty")]
    [InlineData("12345", "name.invalid")]
    [InlineData("-- . --", "name.invalid")]
    [InlineData("Trần\u0007Minh", "name.invalid")]
    public void Bad_full_name_is_reported(string name, string code)
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.FullName, name))).Should().Equal((ImportColumn.FullName, code));
    }

    [Fact]
    public void Full_name_longer_than_200_characters_is_refused()
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.FullName, new string('a', 201)))).Should().Equal((ImportColumn.FullName, "name.too-long"));
        ParseRows(ValidRow().With(ImportColumn.FullName, new string('a', 200))).Valid.Should().ContainSingle();
    }

    [Fact]
    public void Decomposed_name_is_accepted_and_stored_composed_with_collapsed_spaces()
    {
        var decomposed = "  Trần   Văn\tMinh ".Normalize(NormalizationForm.FormD);

        var member = ParseRows(ValidRow().With(ImportColumn.FullName, decomposed)).Valid.Should().ContainSingle().Subject;

        member.FullName.Should().Be("Trần Văn Minh");
        member.FullName.IsNormalized(NormalizationForm.FormC).Should().BeTrue();
    }

    [Theory]
    [InlineData("15/03/1985", 1985, 3, 15)]
    [InlineData("5/3/1985", 1985, 3, 5)]
    [InlineData("05-03-1985", 1985, 3, 5)]
    [InlineData("1985-03-05", 1985, 3, 5)]
    [InlineData(" 15/03/1985 ", 1985, 3, 15)]
    public void Date_of_birth_is_read_day_first_or_iso(string text, int year, int month, int day)
    {
        var member = ParseRows(ValidRow().With(ImportColumn.DateOfBirth, text)).Valid.Should().ContainSingle().Subject;

        member.BirthDate.Should().Be(new DateOnly(year, month, day));
        member.BirthYear.Should().Be(year);
    }

    [Fact]
    public void Year_alone_is_a_valid_date_of_birth_for_elderly_members()
    {
        var row = ValidRow().With(ImportColumn.IdNumber, Id(Sex.Female, 1941, 567)).With(ImportColumn.Sex, "Nữ")
            .With(ImportColumn.DateOfBirth, "1941").With(ImportColumn.JoinedOn, "03/02/1965");

        var member = ParseRows(row).Valid.Should().ContainSingle().Subject;

        (member.BirthYear, member.BirthDate, member.Sex).Should().Be((1941, (DateOnly?)null, Sex.Female));
    }

    [Theory]
    [InlineData("", "dob.empty")]
    [InlineData("31/02/1950", "dob.invalid")]
    [InlineData("29/02/1950", "dob.invalid")]
    [InlineData("15/13/1950", "dob.invalid")]
    [InlineData("1899", "dob.invalid")]
    [InlineData("15/03/1899", "dob.invalid")]
    [InlineData("15.03.1985", "dob.invalid")]
    [InlineData("15/03/85", "dob.invalid")]
    [InlineData("１９８５", "dob.invalid")]
    [InlineData("March 1985", "dob.invalid")]
    [InlineData("16/08/2025", "dob.future")]
    [InlineData("2026", "dob.future")]
    [InlineData("16/08/2007", "dob.too-young")]
    [InlineData("2010", "dob.too-young")]
    public void Bad_date_of_birth_is_reported(string text, string code)
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.DateOfBirth, text).With(ImportColumn.JoinedOn, "")))
            .Should().Equal((ImportColumn.DateOfBirth, code));
    }

    [Fact]
    public void Member_who_turned_18_today_is_an_adult()
    {
        var row = ValidRow().With(ImportColumn.IdNumber, Id(Sex.Male, 2007, 1)).With(ImportColumn.DateOfBirth, "15/08/2007")
            .With(ImportColumn.JoinedOn, "15/08/2025");

        ParseRows(row).Valid.Should().ContainSingle();
    }

    [Fact]
    public void Year_alone_that_may_still_be_under_18_is_given_the_benefit_of_the_doubt()
    {
        var row = ValidRow().With(ImportColumn.IdNumber, Id(Sex.Male, 2007, 1)).With(ImportColumn.DateOfBirth, "2007")
            .With(ImportColumn.JoinedOn, "");

        ParseRows(row).Valid.Should().ContainSingle();
    }

    [Theory]
    [InlineData("Nam", Sex.Male)]
    [InlineData("NAM", Sex.Male)]
    [InlineData("nam", Sex.Male)]
    [InlineData(" Nam ", Sex.Male)]
    [InlineData("Male", Sex.Male)]
    [InlineData("m", Sex.Male)]
    [InlineData("Nữ", Sex.Female)]
    [InlineData("NỮ", Sex.Female)]
    [InlineData("nu", Sex.Female)]
    [InlineData("Nu", Sex.Female)]
    [InlineData("FEMALE", Sex.Female)]
    [InlineData("F", Sex.Female)]
    public void Sex_is_read_in_any_case_with_or_without_diacritics(string text, Sex sex)
    {
        var row = ValidRow().With(ImportColumn.Sex, text).With(ImportColumn.IdNumber, Id(sex, 1985, 4321));

        ParseRows(row).Valid.Should().ContainSingle().Which.Sex.Should().Be(sex);
    }

    [Fact]
    public void Sex_written_in_decomposed_unicode_is_read()
    {
        var row = ValidRow().With(ImportColumn.Sex, "Nữ".Normalize(NormalizationForm.FormD)).With(ImportColumn.IdNumber, Id(Sex.Female, 1985, 4321));

        ParseRows(row).Valid.Should().ContainSingle().Which.Sex.Should().Be(Sex.Female);
    }

    [Theory]
    [InlineData("", "sex.empty")]
    [InlineData("X", "sex.invalid")]
    [InlineData("Nam/Nữ", "sex.invalid")]
    [InlineData("1", "sex.invalid")]
    public void Bad_sex_is_reported(string text, string code)
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.Sex, text))).Should().Equal((ImportColumn.Sex, code));
    }

    [Fact]
    public void Party_cell_is_required_normalised_and_at_most_200_characters()
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.PartyCell, " "))).Should().Equal((ImportColumn.PartyCell, "cell.empty"));
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.PartyCell, new string('c', 201)))).Should().Equal((ImportColumn.PartyCell, "cell.too-long"));
        ParseRows(ValidRow().With(ImportColumn.PartyCell, "  Chi bộ   Khu phố 1 ".Normalize(NormalizationForm.FormD)))
            .Valid.Should().ContainSingle().Which.PartyCell.Should().Be("Chi bộ Khu phố 1");
    }

    [Theory]
    [InlineData("AB-1234")]
    [InlineData("12 345")]
    [InlineData("１２３")]
    [InlineData("Số123")]
    [InlineData("1234567890123456789012345678901")]
    public void Party_card_number_with_other_than_ascii_letters_and_digits_or_over_30_is_refused(string card)
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.PartyCardNumber, card))).Should().Equal((ImportColumn.PartyCardNumber, "card.invalid"));
    }

    [Fact]
    public void Party_card_number_of_30_letters_and_digits_is_kept_trimmed()
    {
        var card = "AB" + new string('7', 28);

        ParseRows(ValidRow().With(ImportColumn.PartyCardNumber, $" {card} ")).Valid.Should().ContainSingle().Which.PartyCardNumber.Should().Be(card);
    }

    [Theory]
    [InlineData("1975", "joined.invalid")]
    [InlineData("31/02/2000", "joined.invalid")]
    [InlineData("in 2000", "joined.invalid")]
    [InlineData("16/08/2025", "joined.future")]
    [InlineData("14/03/2003", "joined.before-adulthood")]
    public void Bad_date_of_joining_is_reported(string text, string code)
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.JoinedOn, text))).Should().Equal((ImportColumn.JoinedOn, code));
    }

    [Fact]
    public void Joining_on_the_18th_birthday_is_allowed()
    {
        ParseRows(ValidRow().With(ImportColumn.JoinedOn, "15/03/2003")).Valid.Should().ContainSingle()
            .Which.JoinedOn.Should().Be(new DateOnly(2003, 3, 15));
    }

    [Fact]
    public void With_a_year_alone_joining_is_checked_against_the_year_of_the_18th_birthday()
    {
        var elderly = ValidRow().With(ImportColumn.IdNumber, Id(Sex.Female, 1948, 567)).With(ImportColumn.Sex, "Nữ")
            .With(ImportColumn.DateOfBirth, "1948");

        ErrorsOf(ParseRows(elderly.With(ImportColumn.JoinedOn, "31/12/1965"))).Should().Equal((ImportColumn.JoinedOn, "joined.before-adulthood"));
        ParseRows(elderly.With(ImportColumn.JoinedOn, "01/01/1966")).Valid.Should().ContainSingle();
    }

    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("0912.345.678", "0912345678")]
    [InlineData("091-234-5678", "0912345678")]
    [InlineData("+84 912 345 678", "0912345678")]
    [InlineData("+84912345678", "0912345678")]
    [InlineData("(024) 3825 1234", "02438251234")]
    [InlineData("912345678", "0912345678")]
    [InlineData("0386 123 456", "0386123456")]
    public void Phone_is_stored_as_domestic_digits(string text, string stored)
    {
        ParseRows(ValidRow().With(ImportColumn.Phone, text)).Valid.Should().ContainSingle().Which.Phone.Should().Be(stored);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("091234567890")]
    [InlineData("0912/345/678")]
    [InlineData("０９１２３４５６７８")]
    [InlineData("không có")]
    [InlineData("0112345678")]
    [InlineData("0612345678")]
    [InlineData("09123456789")]
    [InlineData("+1 212 555 0100")]
    [InlineData("123456789")]
    public void Phone_that_is_not_a_vietnamese_number_is_refused(string text)
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.Phone, text))).Should().Equal((ImportColumn.Phone, "phone.invalid"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Nguyễn <b>Văn</b> A")]
    [InlineData("Nguyễn Văn A>")]
    [InlineData("12345")]
    [InlineData("---")]
    public void Name_without_letters_or_with_markup_is_refused(string name)
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.FullName, name))).Should().Equal((ImportColumn.FullName, "name.invalid"));
    }

    [Fact]
    public void Cell_and_address_with_markup_are_refused()
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.PartyCell, "Chi bộ <img src=x>"))).Should().Equal((ImportColumn.PartyCell, "cell.invalid"));
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.Address, "Tổ 3 <script>"))).Should().Equal((ImportColumn.Address, "address.invalid"));
    }

    [Fact]
    public void Address_is_normalised_and_at_most_500_characters()
    {
        ErrorsOf(ParseRows(ValidRow().With(ImportColumn.Address, new string('x', 501)))).Should().Equal((ImportColumn.Address, "address.too-long"));
        ParseRows(ValidRow().With(ImportColumn.Address, " Tổ 3,\n khu phố 1 ".Normalize(NormalizationForm.FormD)))
            .Valid.Should().ContainSingle().Which.Address.Should().Be("Tổ 3, khu phố 1");
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_with_its_column()
    {
        var row = new[] { "02508500432", "", "31/02/1950", "X", "", "AB-1", "1975", "123", new string('x', 501) };

        var result = ParseRows(ValidRow(), row);

        result.Valid.Should().ContainSingle().Which.Row.Should().Be(2);
        result.DataRows.Should().Be(2);
        result.Errors.Should().OnlyContain(error => error.Row == 3);
        ErrorsOf(result).Should().Equal(
            (ImportColumn.IdNumber, "id.wrong-length"),
            (ImportColumn.FullName, "name.empty"),
            (ImportColumn.DateOfBirth, "dob.invalid"),
            (ImportColumn.Sex, "sex.invalid"),
            (ImportColumn.PartyCell, "cell.empty"),
            (ImportColumn.PartyCardNumber, "card.invalid"),
            (ImportColumn.JoinedOn, "joined.invalid"),
            (ImportColumn.Phone, "phone.invalid"),
            (ImportColumn.Address, "address.too-long"));
    }

    [Fact]
    public void Repeated_id_number_is_reported_on_every_later_row_naming_the_first()
    {
        var first = ValidRow();
        var other = ValidRow().With(ImportColumn.IdNumber, Id(Sex.Male, 1985, 9999));

        var result = ParseRows(first, other, first.With(ImportColumn.FullName, "Trần Văn Minh B"), first);

        result.Valid.Select(member => member.Row).Should().Equal(2, 3);
        result.Errors.Should().Equal(
            new ImportError(4, ImportColumn.IdNumber, "row.duplicate-id", "2"),
            new ImportError(5, ImportColumn.IdNumber, "row.duplicate-id", "2"));
    }

    [Fact]
    public void Repeated_id_number_is_recognised_through_surrounding_spaces()
    {
        var result = ParseRows(ValidRow(), ValidRow().With(ImportColumn.IdNumber, " 025085004321 "));

        result.Errors.Should().ContainSingle().Which.Should().Be(new ImportError(3, ImportColumn.IdNumber, "row.duplicate-id", "2"));
    }

    [Fact]
    public void Long_values_are_shortened_in_errors()
    {
        var error = ParseRows(ValidRow().With(ImportColumn.FullName, new string('a', 300))).Errors.Should().ContainSingle().Subject;

        error.Value.Should().HaveLength(101).And.EndWith("…");
    }
}
