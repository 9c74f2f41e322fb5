using System.Text;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;
using static PartyCardIntake.UnitTests.Import.MemberFiles;

namespace PartyCardIntake.UnitTests.Import;

public class MemberCsvReadingTests
{
    private static string[] SecondRow() =>
        ValidRow().With(ImportColumn.IdNumber, Id(Sex.Female, 1948, 567)).With(ImportColumn.FullName, "Nguyễn Thị Lan")
            .With(ImportColumn.Sex, "Nữ").With(ImportColumn.DateOfBirth, "1948").With(ImportColumn.JoinedOn, "03/02/1975");

    [Theory]
    [InlineData(',', false)]
    [InlineData(',', true)]
    [InlineData(';', false)]
    [InlineData(';', true)]
    public void Comma_or_semicolon_with_or_without_bom_is_read(char separator, bool bom)
    {
        var result = Parse(Csv([Header, ValidRow(), SecondRow()], separator, bom));

        result.FileError.Should().BeNull();
        result.Errors.Should().BeEmpty();
        result.Valid.Select(member => member.FullName).Should().Equal("Trần Văn Minh", "Nguyễn Thị Lan");
        result.Valid[0].Address.Should().Be("Tổ 3, khu phố 1, phường Kỳ Sơn");
    }

    [Fact]
    public void Semicolon_file_whose_addresses_contain_commas_is_not_mistaken_for_comma_separated()
    {
        var address = "Số 1, ngõ 2, khu phố 3, phường Kỳ Sơn, tỉnh Phú Thọ";
        var result = Parse(Csv([Header, ValidRow().With(ImportColumn.Address, address)], ';'));

        result.Valid.Should().ContainSingle().Which.Address.Should().Be(address);
    }

    [Fact]
    public void Quoted_fields_may_hold_separators_quotes_and_line_breaks()
    {
        var text = string.Join(',', Header) + "\n" +
            "025085004321,\"Trần Văn \"\"Minh\"\"\",15/03/1985,Nam,\"Chi bộ 1, khu 2\",,,,\"Tổ 3\nkhu phố 1\"\n" +
            "025148000567,Nguyễn Thị Lan,1948,Nữ,Chi bộ 3,,,,\n";

        var result = Parse(Bytes(text));

        result.Errors.Should().BeEmpty();
        result.Valid[0].FullName.Should().Be("Trần Văn \"Minh\"");
        result.Valid[0].PartyCell.Should().Be("Chi bộ 1, khu 2");
        result.Valid[0].Address.Should().Be("Tổ 3 khu phố 1");
        result.Valid[1].Row.Should().Be(3, "a line break inside quotes does not start a new row");
    }

    [Fact]
    public void Blank_lines_are_ignored_and_rows_keep_the_numbers_a_spreadsheet_shows()
    {
        var text = string.Join(',', Header) + "\r\n\r\n" + string.Join(',', ValidRow()[..5]) + "\r\n   \r\n,,,,,,,,\r\n" +
            string.Join(',', SecondRow()[..5]) + "\r\n\r\n";

        var result = Parse(Bytes(text));

        result.Errors.Should().BeEmpty();
        result.DataRows.Should().Be(2);
        result.Valid.Select(member => member.Row).Should().Equal(3, 6);
    }

    [Fact]
    public void Trailing_empty_columns_and_short_rows_are_tolerated()
    {
        var text = string.Join(';', Header) + ";;;\n" + string.Join(';', ValidRow()) + ";;;;;\n" + string.Join(';', SecondRow()[..5]) + "\n";

        var result = Parse(Bytes(text));

        result.Errors.Should().BeEmpty();
        result.Valid.Should().HaveCount(2);
        result.Valid[1].Phone.Should().BeNull();
    }

    [Fact]
    public void Lines_ended_by_a_carriage_return_alone_are_read()
    {
        var text = string.Join(';', Header) + "\r" + string.Join(';', ValidRow()) + "\r" + string.Join(';', SecondRow()) + "\r";

        var result = Parse(Bytes(text));

        result.Errors.Should().BeEmpty();
        result.Valid.Select(member => member.Row).Should().Equal(2, 3);
    }

    [Fact]
    public void Excel_separator_line_is_honoured_and_not_counted_as_a_row()
    {
        var result = Parse(Bytes("sep=;\r\n" + string.Join(';', Header) + "\r\n" + string.Join(';', ValidRow()) + "\r\n"));

        result.Errors.Should().BeEmpty();
        result.Valid.Should().ContainSingle().Which.Row.Should().Be(2);
    }

    [Fact]
    public void Invalid_utf8_is_unreadable_rather_than_read_with_wrong_letters()
    {
        var header = Encoding.UTF8.GetBytes(string.Join(',', Header) + "\n");
        // "Nguyễn" as a legacy single-byte code page would write it: not UTF-8.
        byte[] row = [.. "025085004321,Nguy"u8, 0xEA, 0xF5, .. "n V\u0103n Minh,15/03/1985,Nam,Chi bo 1\n"u8];

        var result = Parse([.. header, .. row]);

        result.FileError.Should().Be("file.unreadable");
        result.Valid.Should().BeEmpty();
    }

    [Fact]
    public void Utf16_text_is_unreadable()
    {
        var text = string.Join('\t', Header) + "\r\n" + string.Join('\t', ValidRow()) + "\r\n";
        byte[] data = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];

        Parse(data).FileError.Should().Be("file.unreadable");
    }

    public static TheoryData<string, string> HeaderSynonyms()
    {
        var data = new TheoryData<string, string>();
        foreach (var (column, names) in ImportHeaders.Synonyms)
        {
            foreach (var name in names)
            {
                data.Add(column.ToString(), name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HeaderSynonyms))]
    public void Every_header_synonym_is_recognised(string column, string header)
    {
        var headers = (string[])Header.Clone();
        headers[(int)Enum.Parse<ImportColumn>(column)] = header;

        var result = Parse(Csv([headers, ValidRow()]));

        result.Errors.Should().BeEmpty();
        result.Valid.Should().ContainSingle().Which.Should().Be(ParseRows(ValidRow()).Valid[0]);
    }

    [Theory]
    [InlineData("SỐ ĐỊNH DANH CÁ NHÂN", ImportColumn.IdNumber)]
    [InlineData("so dinh danh ca nhan", ImportColumn.IdNumber)]
    [InlineData("Số CCCD (12 số)", ImportColumn.IdNumber)]
    [InlineData("ID Number", ImportColumn.IdNumber)]
    [InlineData("id_number", ImportColumn.IdNumber)]
    [InlineData("Họ và tên *", ImportColumn.FullName)]
    [InlineData("Full name", ImportColumn.FullName)]
    [InlineData("Ngày sinh (dd/mm/yyyy)", ImportColumn.DateOfBirth)]
    [InlineData("Date of birth", ImportColumn.DateOfBirth)]
    [InlineData("Ngày vào đảng", ImportColumn.JoinedOn)]
    [InlineData("Số điện thoại:", ImportColumn.Phone)]
    [InlineData("S.Đ.T", ImportColumn.Phone)]
    public void Headers_match_after_folding_and_dropping_punctuation_and_notes(string header, ImportColumn column)
    {
        ImportHeaders.Match(header).Should().Be(column);
        ImportHeaders.Match(header.Normalize(NormalizationForm.FormD)).Should().Be(column);
    }

    [Theory]
    [InlineData("STT")]
    [InlineData("Ghi chú")]
    [InlineData("Ngày vào Đảng chính thức")]
    [InlineData("")]
    public void Other_headers_are_not_columns_of_the_import(string header)
    {
        ImportHeaders.Match(header).Should().BeNull();
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_unknown_columns_in_between()
    {
        var order = new[] { 4, 8, 3, 1, 0, 7, 2, 6, 5 };
        string[] Reorder(string[] row) => ["x", .. order.Select(i => row[i]), "y"];
        string[] headers = ["STT", .. order.Select(i => Header[i]), "Ghi chú"];

        var result = Parse(Csv([headers, Reorder(ValidRow()), Reorder(SecondRow())]));

        result.Errors.Should().BeEmpty();
        result.Valid.Should().Equal(ParseRows(ValidRow(), SecondRow()).Valid);
    }

    [Fact]
    public void Rows_with_nothing_in_the_imported_columns_are_skipped()
    {
        var result = Parse(Csv([["STT", .. Header], ["1", .. ValidRow()], ["2", "", "", "", "", "", "", "", "", ""], ["3", .. SecondRow()]]));

        result.Errors.Should().BeEmpty();
        result.DataRows.Should().Be(2);
        result.Valid.Select(member => member.Row).Should().Equal(2, 4);
    }

    [Fact]
    public void Only_the_required_columns_are_enough()
    {
        var result = Parse(Csv([Header[..5], ValidRow()[..5]]));

        result.Errors.Should().BeEmpty();
        var member = result.Valid.Should().ContainSingle().Subject;
        (member.PartyCardNumber, member.JoinedOn, member.Phone, member.Address).Should().Be((null, null, null, null));
    }

    [Fact]
    public void Missing_required_columns_are_named_on_the_header_row()
    {
        var result = Parse(Csv([
            ["Số định danh cá nhân", "Họ và tên", "Ngày sinh", "Điện thoại"],
            ["025085004321", "Trần Văn Minh", "15/03/1985", "0912345678"],
        ]));

        result.FileError.Should().Be("file.missing-columns");
        result.Valid.Should().BeEmpty();
        result.Errors.Should().Equal(new ImportError(1, null, "file.missing-columns", "Giới tính, Chi bộ"));
    }

    [Fact]
    public void File_that_is_not_a_member_list_misses_every_required_column()
    {
        var result = Parse(Bytes("Tên sản phẩm,Giá\nBút bi,5000\n"));

        result.FileError.Should().Be("file.missing-columns");
        result.Errors.Should().ContainSingle().Which.Value.Should().Be("Số định danh cá nhân, Họ và tên, Ngày sinh, Giới tính, Chi bộ");
    }

    [Fact]
    public void Title_lines_above_the_header_are_passed_over()
    {
        var text = "DANH SÁCH ĐẢNG VIÊN ĐỔI THẺ\r\nĐảng bộ phường Kỳ Sơn;;;\r\n\r\n" +
            string.Join(';', Header) + "\r\n" + string.Join(';', ValidRow()) + "\r\n";

        var result = Parse(Bytes(text));

        result.Errors.Should().BeEmpty();
        result.Valid.Should().ContainSingle().Which.Row.Should().Be(5);
    }

    [Fact]
    public void Header_only_gives_no_rows_and_no_error()
    {
        var result = Parse(Csv([Header], bom: true));

        (result.FileError, result.DataRows, result.Valid.Count, result.Errors.Count).Should().Be((null, 0, 0, 0));
    }
}
