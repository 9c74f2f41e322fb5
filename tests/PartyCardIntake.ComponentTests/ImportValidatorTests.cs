using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;
using PartyCardIntake.Web.Features.Import;

namespace PartyCardIntake.ComponentTests;

/// <summary>The import's FluentValidation rules: the checked row model, and the chosen file before upload.</summary>
public sealed class ImportValidatorTests
{
    private static readonly ImportRow Good = new(2, "025085004321", "Trần Văn Minh", Sex.Male, 1985, null, "Chi bộ Khu phố 1", "21034567", null, "0912345678", "Tổ 3");

    [Fact]
    public void A_sound_row_passes()
    {
        new ImportRowValidator().Validate(Good).IsValid.Should().BeTrue();
        new ImportRowValidator().Validate(Good with { PartyCardNumber = null, Phone = null, Address = null }).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("12345")]
    public void A_name_with_markup_or_without_letters_fails_with_its_code(string name) =>
        Codes(Good with { FullName = name }).Should().Equal((nameof(ImportRow.FullName), ImportErrorCodes.NameInvalid));

    [Fact]
    public void Every_text_field_has_its_maximum_length()
    {
        Codes(Good with { FullName = new string('a', 201) }).Should().Equal((nameof(ImportRow.FullName), ImportErrorCodes.NameTooLong));
        Codes(Good with { PartyCell = new string('a', 201) }).Should().Equal((nameof(ImportRow.PartyCell), ImportErrorCodes.CellTooLong));
        Codes(Good with { PartyCardNumber = new string('1', 31) }).Should().Equal((nameof(ImportRow.PartyCardNumber), ImportErrorCodes.CardInvalid));
        Codes(Good with { Phone = "091234567890" }).Should().Contain((nameof(ImportRow.Phone), ImportErrorCodes.PhoneInvalid));
        Codes(Good with { Address = new string('a', 501) }).Should().Equal((nameof(ImportRow.Address), ImportErrorCodes.AddressTooLong));
    }

    [Fact]
    public void Markup_in_cell_or_address_and_a_foreign_phone_fail()
    {
        Codes(Good with { PartyCell = "Chi bộ <x>" }).Should().Equal((nameof(ImportRow.PartyCell), ImportErrorCodes.CellInvalid));
        Codes(Good with { Address = "<img src=x onerror=alert(1)>" }).Should().Equal((nameof(ImportRow.Address), ImportErrorCodes.AddressInvalid));
        Codes(Good with { Phone = "0112345678" }).Should().Equal((nameof(ImportRow.Phone), ImportErrorCodes.PhoneInvalid));
    }

    [Fact]
    public void A_failed_property_names_its_column()
    {
        ImportRowValidator.ColumnOf(nameof(ImportRow.Phone)).Should().Be(ImportColumn.Phone);
        ImportRowValidator.ColumnOf(nameof(ImportRow.FullName)).Should().Be(ImportColumn.FullName);
    }

    [Theory]
    [InlineData(null, 0, "Hãy chọn tệp")]
    [InlineData("danh-sach.pdf", 100, "Chỉ nhận tệp CSV hoặc XLSX")]
    [InlineData("danh-sach.csv", 0, "Tệp trống")]
    [InlineData("danh-sach.xlsx", 11 * 1024 * 1024, "Tệp quá lớn (tối đa 10 MB)")]
    public void A_bad_file_gets_a_vietnamese_message(string? name, long size, string message)
    {
        var validator = new ImportUploadInputValidator(Options.Create(ImportLimits.Default));
        var result = validator.Validate(new ImportUploadInput { File = name is null ? null : new FakeFile(name, size) });
        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Contain(message);
    }

    [Theory]
    [InlineData("danh-sach.csv")]
    [InlineData("DANH-SACH.XLSX")]
    public void A_csv_or_xlsx_file_within_the_limit_passes(string name) =>
        new ImportUploadInputValidator(Options.Create(ImportLimits.Default)).Validate(new ImportUploadInput { File = new FakeFile(name, 2048) }).IsValid.Should().BeTrue();

    private static List<(string, string)> Codes(ImportRow row) =>
        new ImportRowValidator().Validate(row).Errors.Select(e => (e.PropertyName, e.ErrorCode)).ToList();

    private sealed class FakeFile(string name, long size) : IBrowserFile
    {
        public string Name => name;

        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public long Size => size;

        public string ContentType => "application/octet-stream";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => new MemoryStream();
    }
}
