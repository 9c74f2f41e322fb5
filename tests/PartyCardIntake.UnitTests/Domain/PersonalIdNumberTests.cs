using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.UnitTests.Domain;

public class PersonalIdNumberTests
{
    [Theory]
    [InlineData("025055000123", "025", Sex.Male, 1955)]
    [InlineData("001170004567", "001", Sex.Female, 1970)]
    [InlineData("096201000001", "096", Sex.Male, 2001)]
    [InlineData("079305123456", "079", Sex.Female, 2005)]
    public void Valid_numbers_expose_province_sex_and_birth_year(string value, string province, Sex sex, int year)
    {
        PersonalIdNumber.TryParse(value, out var id, out var error).Should().BeTrue();
        error.Should().BeNull();
        id.ProvinceCode.Should().Be(province);
        id.Sex.Should().Be(sex);
        id.BirthYear.Should().Be(year);
    }

    [Fact]
    public void Surrounding_whitespace_is_forgiven()
    {
        PersonalIdNumber.Parse("  025055000123\t").Value.Should().Be("025055000123");
    }

    [Theory]
    [InlineData("", IdNumberError.Empty)]
    [InlineData("   ", IdNumberError.Empty)]
    [InlineData("02505500012", IdNumberError.WrongLength)]
    [InlineData("0250550001234", IdNumberError.WrongLength)]
    [InlineData("02505500012a", IdNumberError.NotDigits)]
    [InlineData("025 055000123", IdNumberError.NotDigits)]
    [InlineData("003055000123", IdNumberError.UnknownProvince)]
    [InlineData("097055000123", IdNumberError.UnknownProvince)]
    [InlineData("025455000123", IdNumberError.UnsupportedCentury)]
    public void Malformed_numbers_are_refused_with_the_reason(string value, IdNumberError expected)
    {
        PersonalIdNumber.TryParse(value, out _, out var error).Should().BeFalse();
        error.Should().Be(expected);
    }

    [Theory]
    [InlineData("０２５０５５０００１２３")] // full-width digits
    [InlineData("٠٢٥٠٥٥٠٠٠١٢٣")] // Arabic-Indic digits
    [InlineData("02505500012३")] // one Devanagari digit
    public void Unicode_digits_are_refused_not_converted(string value)
    {
        PersonalIdNumber.TryParse(value, out _, out var error).Should().BeFalse();
        error.Should().Be(IdNumberError.UnicodeDigits);
    }

    [Fact]
    public void Consistency_check_catches_wrong_sex_and_wrong_year()
    {
        var id = PersonalIdNumber.Parse("025055000123");
        id.CheckConsistency(Sex.Male, 1955).Should().BeNull();
        id.CheckConsistency(Sex.Female, 1955).Should().Be(IdNumberError.SexMismatch);
        id.CheckConsistency(Sex.Male, 1956).Should().Be(IdNumberError.BirthYearMismatch);
        id.CheckConsistency(Sex.Male, 2055).Should().Be(IdNumberError.BirthYearMismatch);
    }

    [Theory]
    [InlineData(Sex.Male, 1941, "025041")]
    [InlineData(Sex.Female, 1999, "025199")]
    [InlineData(Sex.Male, 2003, "025203")]
    [InlineData(Sex.Female, 2000, "025300")]
    public void Create_encodes_century_and_sex_in_the_fourth_digit(Sex sex, int year, string prefix)
    {
        var id = PersonalIdNumber.Create("025", sex, year, 42);
        id.Value.Should().StartWith(prefix).And.EndWith("000042");
        id.CheckConsistency(sex, year).Should().BeNull();
    }

    [Fact]
    public void Masked_form_hides_the_middle_digits()
    {
        PersonalIdNumber.Parse("025055000123").Masked.Should().Be("025******123");
    }

    [Fact]
    public void There_are_63_birth_registration_province_codes()
    {
        BirthProvinceCodes.Names.Should().HaveCount(63);
        BirthProvinceCodes.Names.Keys.Should().OnlyContain(k => k.Length == 3 && k.All(char.IsAsciiDigit));
    }
}
