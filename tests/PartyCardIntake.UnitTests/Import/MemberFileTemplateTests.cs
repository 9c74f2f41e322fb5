using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;
using PartyCardIntake.Tests.Shared;
using static PartyCardIntake.UnitTests.Import.MemberFiles;

namespace PartyCardIntake.UnitTests.Import;

public class MemberFileTemplateTests
{
    [Fact]
    public void Csv_template_is_utf8_with_bom_and_semicolon_separated_canonical_headers()
    {
        var data = MemberFileTemplate.Csv();

        data.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var lines = Encoding.UTF8.GetString(data, 3, data.Length - 3).Split("\r\n");
        lines[0].Should().Be("Số định danh cá nhân;Họ và tên;Ngày sinh;Giới tính;Chi bộ;Số thẻ đảng;Ngày vào Đảng;Điện thoại;Địa chỉ");
        lines[0].Should().Be(string.Join(';', MemberFiles.Header));
        lines.Where(line => line.Length > 0).Should().HaveCount(3);
    }

    [Fact]
    public void Csv_template_opened_in_Vietnamese_Excel_keeps_the_zeros_of_ID_and_phone_numbers_and_reads_dates_as_dates()
    {
        var sheet = ExcelCsv.Open(MemberFileTemplate.Csv());

        sheet.Utf8.Should().BeTrue();
        sheet.Rows[0].Should().Equal(MemberFiles.Header);
        var man = sheet.Rows[1];
        man[(int)ImportColumn.IdNumber].Should().Be("025085004321", "an ID number stays text, with the province's leading zero");
        man[(int)ImportColumn.FullName].Should().Be("Trần Văn Minh");
        man[(int)ImportColumn.DateOfBirth].Should().Be(new DateTime(1985, 3, 15));
        man[(int)ImportColumn.PartyCardNumber].Should().Be("21034567");
        man[(int)ImportColumn.JoinedOn].Should().Be(new DateTime(2012, 5, 19));
        man[(int)ImportColumn.Phone].Should().Be("0912345678");
        man[(int)ImportColumn.Address].Should().Be("Tổ 3, khu phố 1, phường Kỳ Sơn, tỉnh Phú Thọ");
        sheet.Rows[2][(int)ImportColumn.IdNumber].Should().Be("025148000567");
        sheet.Rows[2][(int)ImportColumn.DateOfBirth].Should().Be(1948d, "a year alone is a number");
        sheet.Rows.SelectMany(r => r).Should().NotContain(cell => cell is ExcelFormula, "the text formulas are evaluated to their text");
    }

    [Fact]
    public void Csv_template_saved_again_by_Vietnamese_Excel_parses_to_the_same_members()
    {
        // Excel saves what the cells show: the ID numbers' text, dates dd/MM/yyyy, semicolons.
        var sheet = ExcelCsv.Open(MemberFileTemplate.Csv());
        var saved = string.Join("\r\n", sheet.Rows.Select(row => string.Join(';', row.Select(cell => cell switch
        {
            DateTime date => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            double number => number.ToString(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")),
            string text when text.Contains(',') => $"\"{text}\"",
            _ => cell?.ToString() ?? string.Empty,
        }))));

        var result = Parse([.. (byte[])[0xEF, 0xBB, 0xBF], .. Encoding.UTF8.GetBytes(saved)], "mau.csv");

        AssertTemplateMembers(result);
        result.Valid.Should().Equal(Parse(MemberFileTemplate.Csv()).Valid);
    }

    [Fact]
    public void Csv_template_parses_to_two_valid_members_one_with_a_year_alone()
    {
        var result = Parse(MemberFileTemplate.Csv(), "mau.csv");

        AssertTemplateMembers(result);
    }

    [Fact]
    public void Xlsx_template_parses_to_the_same_two_members()
    {
        var result = Parse(MemberFileTemplate.Xlsx(), "mau.xlsx");

        AssertTemplateMembers(result);
        result.Valid.Should().Equal(Parse(MemberFileTemplate.Csv()).Valid);
    }

    [Fact]
    public void Xlsx_template_formats_id_phone_and_date_columns_as_text_and_stores_ids_as_text()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(MemberFileTemplate.Xlsx()), isEditable: false);
        var workbookPart = document.WorkbookPart!;
        var formats = workbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var worksheet = workbookPart.WorksheetParts.Single().Worksheet;
        var strings = workbookPart.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(item => item.InnerText).ToList();

        uint NumberFormatOf(uint? style) => formats[(int)(style ?? 0)].NumberFormatId?.Value ?? 0;
        var columns = worksheet.GetFirstChild<Columns>()!.Elements<Column>().ToDictionary(column => (int)column.Min!.Value - 1, column => column.Style?.Value);

        foreach (var column in new[] { ImportColumn.IdNumber, ImportColumn.DateOfBirth, ImportColumn.JoinedOn, ImportColumn.Phone, ImportColumn.PartyCardNumber })
        {
            NumberFormatOf(columns[(int)column]).Should().Be(49, $"{column} is typed as text");
        }

        NumberFormatOf(columns[(int)ImportColumn.FullName]).Should().Be(0);

        var idCells = worksheet.Descendants<Cell>().Where(cell => cell.CellReference!.Value!.StartsWith('A')).ToList();
        idCells.Should().HaveCount(3).And.OnlyContain(cell => cell.DataType! == CellValues.SharedString);
        idCells.Skip(1).Select(cell => strings[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)])
            .Should().Equal("025085004321", "025148000567");
        workbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value.Should().Be("Danh sách đảng viên");
    }

    private static void AssertTemplateMembers(ImportParseResult result)
    {
        result.FileError.Should().BeNull();
        result.Errors.Should().BeEmpty();
        result.DataRows.Should().Be(2);
        result.Valid.Should().HaveCount(2);

        var (man, woman) = (result.Valid[0], result.Valid[1]);
        (man.Row, man.Sex, man.BirthDate, man.IdNumber.Sex, man.IdNumber.BirthYear).Should().Be((2, Sex.Male, new DateOnly(1985, 3, 15), Sex.Male, 1985));
        (woman.Row, woman.Sex, woman.BirthDate, woman.BirthYear, woman.IdNumber.Sex, woman.IdNumber.BirthYear)
            .Should().Be((3, Sex.Female, (DateOnly?)null, 1948, Sex.Female, 1948));
        man.Address.Should().Contain(",", "the example shows that commas in an address survive quoting");
    }
}
