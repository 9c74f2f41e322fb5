using System.Text;
using FluentValidation.Results;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Features.Cells;

namespace PartyCardIntake.IntegrationTests.Cells;

/// <summary>Every rule of the cell form, without a database.</summary>
public sealed class CellInputValidatorTests
{
    private static readonly CellInputValidator Validator = new();

    [Fact]
    public void A_named_cell_is_valid()
    {
        Errors(new CellInput { Name = "Chi bộ Khu 3", SecretaryName = "Lê Văn Tám", SecretaryPhone = "+84 912.345-678", Availability = CellAvailability.Weekends }).Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    [InlineData("\u00a0")]
    public void A_name_is_required(string? name)
    {
        Errors(new CellInput { Name = name }).Should().ContainSingle().Which.Should().Match<ValidationFailure>(
            e => e.PropertyName == "Name" && e.ErrorMessage == "Tên chi bộ không được để trống.");
    }

    [Fact]
    public void Over_long_text_is_refused()
    {
        var errors = Errors(new CellInput { Name = new string('a', 201), SecretaryName = new string('b', 201), SecretaryPhone = new string('1', 21) });
        errors.Select(e => (e.PropertyName, e.ErrorMessage)).Should().BeEquivalentTo(new[]
        {
            ("Name", "Tên chi bộ tối đa 200 ký tự."),
            ("SecretaryName", "Tên bí thư tối đa 200 ký tự."),
            ("SecretaryPhone", "Số điện thoại tối đa 20 ký tự."),
        });
    }

    [Fact]
    public void Lengths_count_the_name_as_saved_in_nfc_with_spaces_collapsed()
    {
        var nfd = string.Concat(Enumerable.Repeat("Đảng ", 40)).Normalize(NormalizationForm.FormD).Replace(" ", "   ", StringComparison.Ordinal);
        nfd.Length.Should().BeGreaterThan(200);
        Errors(new CellInput { Name = nfd, SecretaryName = nfd }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("０９１２３４５６７８")] // full-width digits
    [InlineData("٠٩١٢٣٤٥٦٧٨")] // Arabic-Indic digits
    [InlineData("0912 345 67x")]
    [InlineData("09-12+345")]
    [InlineData("---")]
    [InlineData("abc-123")]
    [InlineData("12345")]
    [InlineData("0112345678")] // no such prefix
    public void A_phone_is_ascii_digits_with_spaces_dots_dashes_and_a_leading_plus(string phone)
    {
        Errors(new CellInput { Name = "Chi bộ 1", SecretaryPhone = phone }).Should().ContainSingle().Which.Should().Match<ValidationFailure>(
            e => e.PropertyName == "SecretaryPhone" && e.ErrorMessage.StartsWith("Số điện thoại không đúng", StringComparison.Ordinal));
    }

    [Fact]
    public void An_availability_outside_the_enum_is_refused()
    {
        Errors(new CellInput { Name = "Chi bộ 1", Availability = (CellAvailability)99 }).Should().ContainSingle().Which.Should().Match<ValidationFailure>(
            e => e.PropertyName == "Availability" && e.ErrorMessage == "Hãy chọn thời gian chi bộ có thể đến.");
    }

    private static List<ValidationFailure> Errors(CellInput input) => Validator.Validate(input).Errors;

    [Theory]
    [InlineData("Chi bộ <script>", null)]
    [InlineData("Chi bộ 1", "<b>Lê</b>")]
    [InlineData("Chi bộ 1", "12345")]
    public void Markup_and_names_without_letters_are_refused_beside_their_field(string name, string? secretary)
    {
        var errors = Errors(new CellInput { Name = name, SecretaryName = secretary });
        errors.Should().ContainSingle().Which.PropertyName.Should().Be(secretary is null ? "Name" : "SecretaryName");
    }
}
