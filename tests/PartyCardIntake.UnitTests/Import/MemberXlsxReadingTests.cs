using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;
using static PartyCardIntake.UnitTests.Import.MemberFiles;

namespace PartyCardIntake.UnitTests.Import;

public class MemberXlsxReadingTests
{
    private static readonly object?[] HeaderCells = [.. Header];

    private static ImportParseResult ParseXlsx(params object?[]?[] rows) => Parse(TestXlsx.Build(rows), "dang-vien.xlsx");

    [Fact]
    public void Text_cells_are_read_like_csv()
    {
        var result = ParseXlsx(HeaderCells, [.. ValidRow()]);

        result.Errors.Should().BeEmpty();
        result.Valid.Should().Equal(ParseRows(ValidRow()).Valid);
    }

    [Fact]
    public void Id_typed_as_a_number_gets_back_the_leading_zero_of_its_province_code()
    {
        // Phú Thọ 025…: Excel keeps 25085004321, 11 digits.
        var result = ParseXlsx(HeaderCells, [25085004321d, "Trần Văn Minh", "15/03/1985", "Nam", "Chi bộ 1"]);

        result.Errors.Should().BeEmpty();
        result.Valid.Should().ContainSingle().Which.IdNumber.Value.Should().Be("025085004321");
    }

    [Fact]
    public void Id_typed_as_a_number_with_a_two_zero_province_code_gets_both_zeros_back()
    {
        // Hà Nội 001…: Excel keeps 1085004321, 10 digits.
        var result = ParseXlsx(HeaderCells, [1085004321L, "Trần Văn Minh", "15/03/1985", "Nam", "Chi bộ 1"]);

        result.Errors.Should().BeEmpty();
        result.Valid.Should().ContainSingle().Which.IdNumber.Value.Should().Be("001085004321");
    }

    [Fact]
    public void Padded_number_must_still_be_a_valid_id()
    {
        // 99… pads to 099…, which is no province; 9 digits is the length of the old ID card, not padded.
        var result = ParseXlsx(HeaderCells,
            [99085004321d, "Trần Văn Minh", "15/03/1985", "Nam", "Chi bộ 1"],
            [123456789d, "Lê Văn Nam", "15/03/1985", "Nam", "Chi bộ 1"]);

        result.Errors.Should().Equal(
            new ImportError(2, ImportColumn.IdNumber, "id.unknown-province", "099085004321"),
            new ImportError(3, ImportColumn.IdNumber, "id.wrong-length", "123456789"));
    }

    [Fact]
    public void Id_in_a_text_cell_is_never_padded()
    {
        ParseXlsx(HeaderCells, ["25085004321", "Trần Văn Minh", "15/03/1985", "Nam", "Chi bộ 1"])
            .Errors.Should().ContainSingle().Which.Code.Should().Be("id.wrong-length");
    }

    [Fact]
    public void Date_cells_give_dates_of_birth_and_joining()
    {
        var result = ParseXlsx(HeaderCells,
            ["025085004321", "Trần Văn Minh", new DateTime(1985, 3, 15), "Nam", "Chi bộ 1", null, new DateTime(2012, 5, 19)]);

        result.Errors.Should().BeEmpty();
        var member = result.Valid.Should().ContainSingle().Subject;
        (member.BirthDate, member.JoinedOn).Should().Be((new DateOnly(1985, 3, 15), new DateOnly(2012, 5, 19)));
    }

    [Fact]
    public void Date_cells_are_checked_like_typed_dates()
    {
        var result = ParseXlsx(HeaderCells,
            ["025085004321", "Trần Văn Minh", new DateTime(1985, 3, 15), "Nam", "Chi bộ 1", null, new DateTime(2025, 9, 1)],
            ["025207000001", "Lê Văn An", new DateTime(2007, 9, 1), "Nam", "Chi bộ 1"]);

        ErrorsOf(result).Should().Equal((ImportColumn.JoinedOn, "joined.future"), (ImportColumn.DateOfBirth, "dob.too-young"));
        result.Errors[0].Value.Should().Be("01/09/2025");
    }

    [Fact]
    public void Year_typed_as_a_number_is_a_year_of_birth()
    {
        var result = ParseXlsx(HeaderCells, ["025148000567", "Nguyễn Thị Lan", 1948, "Nữ", "Chi bộ 3"]);

        var member = result.Valid.Should().ContainSingle().Subject;
        (member.BirthYear, member.BirthDate).Should().Be((1948, (DateOnly?)null));
    }

    [Fact]
    public void Number_that_is_not_a_year_is_not_a_date_of_birth()
    {
        ErrorsOf(ParseXlsx(HeaderCells, ["025085004321", "Trần Văn Minh", 31121, "Nam", "Chi bộ 1"]))
            .Should().Equal((ImportColumn.DateOfBirth, "dob.invalid"));
    }

    [Fact]
    public void Joining_date_typed_as_a_number_is_refused()
    {
        ErrorsOf(ParseXlsx(HeaderCells, ["025085004321", "Trần Văn Minh", "15/03/1985", "Nam", "Chi bộ 1", null, 2012]))
            .Should().Equal((ImportColumn.JoinedOn, "joined.invalid"));
    }

    [Fact]
    public void Phone_and_card_typed_as_numbers_are_read_as_digits()
    {
        var result = ParseXlsx(HeaderCells, ["025085004321", "Trần Văn Minh", "15/03/1985", "Nam", "Chi bộ 1", 21034567, null, 912345678]);

        var member = result.Valid.Should().ContainSingle().Subject;
        (member.PartyCardNumber, member.Phone).Should().Be(("21034567", "0912345678"));
    }

    [Fact]
    public void Rows_are_numbered_as_the_spreadsheet_numbers_them()
    {
        var result = ParseXlsx(
            ["DANH SÁCH ĐẢNG VIÊN ĐỔI THẺ"],
            null,
            HeaderCells,
            [.. ValidRow()],
            null,
            [.. ValidRow().With(ImportColumn.IdNumber, Id(Sex.Male, 1985, 1))],
            ["", " "],
            [.. ValidRow().With(ImportColumn.IdNumber, "bad")]);

        result.DataRows.Should().Be(3);
        result.Valid.Select(member => member.Row).Should().Equal(4, 6);
        result.Errors.Should().ContainSingle().Which.Row.Should().Be(8);
    }

    [Fact]
    public void Missing_columns_are_reported_on_the_row_that_looks_most_like_the_header()
    {
        var result = ParseXlsx(["DANH SÁCH ĐẢNG VIÊN"], null, ["STT", "Họ và tên", "Số CCCD", "Ngày sinh", "Giới tính"], [1, "Trần Văn Minh"]);

        result.FileError.Should().Be("file.missing-columns");
        result.Errors.Should().Equal(new ImportError(3, null, "file.missing-columns", "Chi bộ"));
    }

    [Fact]
    public void Only_the_first_worksheet_is_read_and_its_first_non_empty_row_is_the_header()
    {
        var result = ParseXlsx(null, null, HeaderCells, [.. ValidRow()]);

        result.Valid.Should().ContainSingle().Which.Row.Should().Be(4);
    }
}
