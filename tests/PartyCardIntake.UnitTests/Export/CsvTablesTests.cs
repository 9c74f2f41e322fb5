using PartyCardIntake.Infrastructure.Export;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.UnitTests.Export;

/// <summary>The reports' CSV as Excel on Windows with the Vietnamese regional format opens it.</summary>
public class CsvTablesTests
{
    [Fact]
    public void Vietnamese_Excel_splits_the_columns_and_reads_Vietnamese_letters_numbers_and_dates()
    {
        var file = CsvTables.Write(
        [
            ["Xã/phường", "04522 Phường Kỳ Sơn"],
            ["Ngày báo cáo", new DateOnly(2025, 8, 12)],
            ["Lũy kế đã tiếp nhận", 1374],
            ["Tỷ lệ so với diện cấp đổi", 38.14],
            ["So với hạn", -9],
            ["Địa chỉ", "Tổ 3; khu phố 1, \"Kỳ Sơn\""],
            ["Ghi chú"],
        ]);

        var sheet = ExcelCsv.Open(file);

        sheet.Utf8.Should().BeTrue("the file starts with a byte order mark");
        sheet.Rows.Should().OnlyContain(row => row.Length == 2, "short rows are padded");
        sheet.Row("Xã/phường")[1].Should().Be("04522 Phường Kỳ Sơn");
        sheet.Row("Ngày báo cáo")[1].Should().Be(new DateTime(2025, 8, 12));
        sheet.Row("Lũy kế đã tiếp nhận")[1].Should().Be(1374d);
        sheet.Row("Tỷ lệ so với diện cấp đổi")[1].Should().Be(38.1d, "the decimal mark is a comma");
        sheet.Row("So với hạn")[1].Should().Be(-9d, "a negative number is a number, not a formula to escape");
        sheet.Row("Địa chỉ")[1].Should().Be("Tổ 3; khu phố 1, \"Kỳ Sơn\"");
    }

    [Fact]
    public void A_field_that_Excel_would_run_as_a_formula_opens_as_text()
    {
        string[] names = ["=HYPERLINK(\"http://example.com\",\"Xem\")", "+84912345678", "-2+3", "@SUM(A1:A9)", "=1+1"];

        var sheet = ExcelCsv.Open(CsvTables.Write(names.Select(n => (IReadOnlyList<object?>)["Chi bộ", n]).ToList()));

        sheet.Rows.Select(r => r[1]).Should().AllBeOfType<string>();
        sheet.Rows.Select(r => (string)r[1]!).Should().Equal(names.Select(n => "'" + n));
    }

    [Fact]
    public void A_file_with_a_sep_line_would_lose_its_Vietnamese_letters_which_is_why_there_is_none()
    {
        var file = CsvTables.Write([["Xã/phường", "Phường Kỳ Sơn"]]);
        file.AsSpan(3).StartsWith("sep="u8).Should().BeFalse();

        byte[] withSepLine = [.. file[..3], .. "sep=;\r\n"u8.ToArray(), .. file[3..]];
        var sheet = ExcelCsv.Open(withSepLine);
        sheet.Utf8.Should().BeFalse("Excel does not honour the byte order mark once a sep= line is there");
        sheet.Rows[0][1].Should().NotBe("Phường Kỳ Sơn");
    }

    [Fact]
    public void Digits_kept_as_text_are_a_formula_that_yields_the_text()
    {
        CsvTables.Text("025085004321").Should().Be("=\"025085004321\"");
        CsvTables.Text(string.Empty).Should().BeEmpty();
        FluentActions.Invoking(() => CsvTables.Text("12a")).Should().Throw<ArgumentException>();
    }
}
