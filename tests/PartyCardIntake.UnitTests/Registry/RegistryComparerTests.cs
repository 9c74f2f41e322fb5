using System.Text;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;

namespace PartyCardIntake.UnitTests.Registry;

public class RegistryComparerTests
{
    private static readonly PartyRecord Party = new(
        "Nguyễn Văn An", Sex.Male, 1955, new DateOnly(1955, 3, 7), "Số 12, Khu số 3, Xã Thanh Sơn, Tỉnh Phú Thọ");

    private static readonly RegistryCitizen Citizen = new(
        "025055000123", "Nguyễn Văn An", "1955-03-07", "Nam", "Phú Thọ", "Số 12, Khu số 3, Xã Thanh Sơn, Tỉnh Phú Thọ", "Kinh");

    private static FieldComparison Field(RegistryComparison comparison, RegistryField field) =>
        comparison.Fields.Single(f => f.Field == field);

    [Fact]
    public void Identical_records_are_the_same_in_every_field()
    {
        var comparison = RegistryComparer.Compare(Party, Citizen);

        comparison.Fields.Select(f => f.Field).Should().Equal(RegistryField.FullName, RegistryField.DateOfBirth, RegistryField.Sex, RegistryField.Address);
        comparison.Fields.Should().OnlyContain(f => f.Severity == FieldSeverity.Same && f.Reason == RegistryComparer.Same);
        comparison.Verdict.Should().Be(VerificationStatus.Matched);
    }

    [Fact]
    public void Nfd_encoded_name_equal_to_the_party_record_is_the_same()
    {
        var nfd = Citizen with { FullName = "Nguyễn Văn An".Normalize(NormalizationForm.FormD) };

        var name = Field(RegistryComparer.Compare(Party, nfd), RegistryField.FullName);

        name.Severity.Should().Be(FieldSeverity.Same);
        name.RegistryValue.Should().Be("Nguyễn Văn An").And.Be("Nguyễn Văn An".Normalize(NormalizationForm.FormC));
    }

    [Fact]
    public void Name_with_extra_spaces_is_the_same_and_shown_normalised()
    {
        var spaced = Citizen with { FullName = "  Nguyễn  Văn\tAn " };

        var name = Field(RegistryComparer.Compare(Party, spaced), RegistryField.FullName);

        name.Severity.Should().Be(FieldSeverity.Same);
        name.RegistryValue.Should().Be("Nguyễn Văn An");
    }

    [Fact]
    public void Name_in_capitals_is_the_same()
    {
        var capitals = Citizen with { FullName = "NGUYỄN VĂN AN" };

        Field(RegistryComparer.Compare(Party, capitals), RegistryField.FullName).Severity.Should().Be(FieldSeverity.Same);
    }

    [Theory]
    [InlineData("Nguyển Văn An")]
    [InlineData("Nguyen Van An")]
    [InlineData("Nguyễn Vân An")]
    [InlineData("Nguyễn Văn Ân")]
    public void Name_that_differs_only_in_diacritics_is_a_mismatch(string registryName)
    {
        var name = Field(RegistryComparer.Compare(Party, Citizen with { FullName = registryName }), RegistryField.FullName);

        name.Severity.Should().Be(FieldSeverity.Mismatch);
        name.Reason.Should().Be("name.diacritics");
    }

    [Fact]
    public void D_with_stroke_against_plain_d_is_a_diacritics_mismatch()
    {
        var party = Party with { FullName = "Đặng Văn Đức" };

        var name = Field(RegistryComparer.Compare(party, Citizen with { FullName = "Dặng Văn Dức" }), RegistryField.FullName);

        name.Reason.Should().Be("name.diacritics");
    }

    [Fact]
    public void Another_name_is_a_mismatch()
    {
        var comparison = RegistryComparer.Compare(Party, Citizen with { FullName = "Nguyễn Văn Bình" });

        var name = Field(comparison, RegistryField.FullName);
        name.Severity.Should().Be(FieldSeverity.Mismatch);
        name.Reason.Should().Be("name.different");
        comparison.Verdict.Should().Be(VerificationStatus.Mismatched);
    }

    [Fact]
    public void Equal_full_dates_of_birth_are_the_same_and_shown_day_first()
    {
        var dob = Field(RegistryComparer.Compare(Party, Citizen), RegistryField.DateOfBirth);

        dob.Severity.Should().Be(FieldSeverity.Same);
        dob.PartyValue.Should().Be("07/03/1955");
        dob.RegistryValue.Should().Be("07/03/1955");
    }

    [Fact]
    public void Different_full_dates_of_birth_are_a_mismatch()
    {
        var dob = Field(RegistryComparer.Compare(Party, Citizen with { DateOfBirth = "1955-07-03" }), RegistryField.DateOfBirth);

        dob.Severity.Should().Be(FieldSeverity.Mismatch);
        dob.Reason.Should().Be("dob.different");
        dob.RegistryValue.Should().Be("03/07/1955");
    }

    [Fact]
    public void Year_only_date_of_birth_with_the_same_year_is_a_warning()
    {
        var comparison = RegistryComparer.Compare(Party with { BirthYear = 1941, BirthDate = new DateOnly(1941, 1, 1) }, Citizen with { DateOfBirth = "1941" });

        var dob = Field(comparison, RegistryField.DateOfBirth);
        dob.Severity.Should().Be(FieldSeverity.Warning);
        dob.Reason.Should().Be("dob.year-only");
        dob.PartyValue.Should().Be("01/01/1941");
        dob.RegistryValue.Should().Be("1941");
        comparison.Verdict.Should().Be(VerificationStatus.Matched);
        comparison.HasWarnings.Should().BeTrue();
    }

    [Fact]
    public void Year_only_party_record_against_a_full_registry_date_of_the_same_year_is_a_warning()
    {
        var dob = Field(RegistryComparer.Compare(Party with { BirthDate = null }, Citizen), RegistryField.DateOfBirth);

        dob.Severity.Should().Be(FieldSeverity.Warning);
        dob.Reason.Should().Be("dob.year-only");
        dob.PartyValue.Should().Be("1955");
        dob.RegistryValue.Should().Be("07/03/1955");
    }

    [Fact]
    public void Year_only_on_both_sides_with_the_same_year_is_the_same()
    {
        var dob = Field(RegistryComparer.Compare(Party with { BirthDate = null }, Citizen with { DateOfBirth = "1955" }), RegistryField.DateOfBirth);

        dob.Severity.Should().Be(FieldSeverity.Same);
    }

    [Theory]
    [InlineData(true, "1956")]
    [InlineData(false, "1956-03-07")]
    [InlineData(false, "1956")]
    public void Year_only_date_of_birth_with_another_year_is_a_mismatch(bool partyHasFullDate, string registryDate)
    {
        var party = partyHasFullDate ? Party : Party with { BirthDate = null };

        var dob = Field(RegistryComparer.Compare(party, Citizen with { DateOfBirth = registryDate }), RegistryField.DateOfBirth);

        dob.Severity.Should().Be(FieldSeverity.Mismatch);
        dob.Reason.Should().Be("dob.year-different");
    }

    [Theory]
    [InlineData("")]
    [InlineData("07/03/1955")]
    [InlineData("1955-02-30")]
    [InlineData("55")]
    [InlineData("không rõ")]
    public void Unreadable_registry_date_of_birth_is_a_warning_showing_the_raw_value(string registryDate)
    {
        var dob = Field(RegistryComparer.Compare(Party, Citizen with { DateOfBirth = registryDate }), RegistryField.DateOfBirth);

        dob.Severity.Should().Be(FieldSeverity.Warning);
        dob.Reason.Should().Be("dob.unreadable");
        dob.RegistryValue.Should().Be(registryDate.Trim());
    }

    [Theory]
    [InlineData("Nam", Sex.Male)]
    [InlineData("NAM", Sex.Male)]
    [InlineData(" nam ", Sex.Male)]
    [InlineData("Male", Sex.Male)]
    [InlineData("Nữ", Sex.Female)]
    [InlineData("NỮ", Sex.Female)]
    [InlineData("female", Sex.Female)]
    public void Sex_written_in_any_accepted_form_is_the_same(string registrySex, Sex partySex)
    {
        var sex = Field(RegistryComparer.Compare(Party with { Sex = partySex }, Citizen with { Sex = registrySex }), RegistryField.Sex);

        sex.Severity.Should().Be(FieldSeverity.Same);
        sex.RegistryValue.Should().Be(partySex == Sex.Male ? "Nam" : "Nữ");
    }

    [Fact]
    public void Nfd_encoded_female_sex_is_read()
    {
        var sex = Field(RegistryComparer.Compare(Party with { Sex = Sex.Female }, Citizen with { Sex = "Nữ".Normalize(NormalizationForm.FormD) }), RegistryField.Sex);

        sex.Severity.Should().Be(FieldSeverity.Same);
    }

    [Fact]
    public void Other_sex_is_a_mismatch()
    {
        var sex = Field(RegistryComparer.Compare(Party, Citizen with { Sex = "Nữ" }), RegistryField.Sex);

        sex.Severity.Should().Be(FieldSeverity.Mismatch);
        sex.Reason.Should().Be("sex.different");
        sex.PartyValue.Should().Be("Nam");
        sex.RegistryValue.Should().Be("Nữ");
    }

    [Theory]
    [InlineData("")]
    [InlineData("X")]
    [InlineData("Nu")]
    public void Unreadable_sex_is_a_warning(string registrySex)
    {
        var sex = Field(RegistryComparer.Compare(Party, Citizen with { Sex = registrySex }), RegistryField.Sex);

        sex.Severity.Should().Be(FieldSeverity.Warning);
        sex.Reason.Should().Be("sex.unreadable");
    }

    [Fact]
    public void Address_is_left_out_when_the_party_record_has_none()
    {
        var comparison = RegistryComparer.Compare(Party with { Address = " " }, Citizen);

        comparison.Fields.Should().NotContain(f => f.Field == RegistryField.Address);
    }

    [Theory]
    [InlineData("Số 12, Khu 3, Thanh Sơn, Phú Thọ")]
    [InlineData("số 12 - khu số 03 - xã Thanh Sơn - tỉnh Phú Thọ")]
    [InlineData("SỐ 12, KHU SỐ 3, XÃ THANH SƠN, TỈNH PHÚ THỌ")]
    [InlineData("12, Khu số 3, Phường Thanh Sơn, Phú Thọ")]
    public void Address_equal_without_punctuation_and_administrative_words_is_the_same(string partyAddress)
    {
        var address = Field(RegistryComparer.Compare(Party with { Address = partyAddress }, Citizen), RegistryField.Address);

        address.Severity.Should().Be(FieldSeverity.Same, partyAddress);
    }

    [Fact]
    public void Address_with_abbreviated_administrative_words_is_the_same()
    {
        var party = Party with { Address = "Số 5, P. Kỳ Sơn, TP. Huế" };

        var address = Field(RegistryComparer.Compare(party, Citizen with { PermanentAddress = "Số 5, Phường Kỳ Sơn, Thành phố Huế" }), RegistryField.Address);

        address.Severity.Should().Be(FieldSeverity.Same);
    }

    [Fact]
    public void Address_with_the_same_house_under_renamed_places_is_a_place_renamed_warning()
    {
        var party = Party with { Address = "Thôn Đồng Chằm, Xã Tân Lạc, Huyện Thanh Sơn, Tỉnh Phú Thọ" };
        var merged = Citizen with { PermanentAddress = "Thôn Đồng Chằm, Xã Long Cốc, Tỉnh Phú Thọ" };

        var comparison = RegistryComparer.Compare(party, merged);

        var address = Field(comparison, RegistryField.Address);
        address.Severity.Should().Be(FieldSeverity.Warning);
        address.Reason.Should().Be("address.place-renamed");
        comparison.Verdict.Should().Be(VerificationStatus.Matched);
    }

    [Fact]
    public void Address_in_another_house_is_only_a_warning()
    {
        var comparison = RegistryComparer.Compare(Party with { Address = "Số 40, Khu số 3, Xã Thanh Sơn, Tỉnh Phú Thọ" }, Citizen);

        var address = Field(comparison, RegistryField.Address);
        address.Severity.Should().Be(FieldSeverity.Warning);
        address.Reason.Should().Be("address.different");
        comparison.HasMismatch.Should().BeFalse();
    }

    [Fact]
    public void Ward_is_not_confused_with_a_place_named_phuong()
    {
        // "Phương" is part of the name here; were it dropped like "phường", the houses would agree.
        var party = Party with { Address = "Xóm Phương Đông, Xã Tân Lạc" };

        var address = Field(RegistryComparer.Compare(party, Citizen with { PermanentAddress = "Xóm Đông, Xã Tân Lạc" }), RegistryField.Address);

        address.Reason.Should().Be("address.different");
    }

    [Fact]
    public void Address_missing_from_the_registry_is_a_warning()
    {
        var address = Field(RegistryComparer.Compare(Party, Citizen with { PermanentAddress = null }), RegistryField.Address);

        address.Severity.Should().Be(FieldSeverity.Warning);
        address.Reason.Should().Be("address.missing");
    }

    [Fact]
    public void Address_never_makes_a_mismatch()
    {
        var comparison = RegistryComparer.Compare(Party with { Address = "Hoàn toàn khác" }, Citizen with { PermanentAddress = "Số 1, Phố Huế, Hà Nội" });

        Field(comparison, RegistryField.Address).Severity.Should().Be(FieldSeverity.Warning);
        comparison.Verdict.Should().Be(VerificationStatus.Matched);
    }
}
