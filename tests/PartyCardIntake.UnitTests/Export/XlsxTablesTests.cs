using System.Text;
using ExcelDataReader;
using PartyCardIntake.Infrastructure.Export;

namespace PartyCardIntake.UnitTests.Export;

/// <summary>The reports' workbooks read back with ExcelDataReader, which types a cell by its number format as Excel does.</summary>
public class XlsxTablesTests
{
    static XlsxTablesTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Dates_and_times_are_Excel_dates_formatted_day_first_and_numbers_stay_numbers()
    {
        var file = XlsxTables.Write(
        [
            new XlsxSheet("Tổng hợp",
            [
                ["Mục", "Giá trị"],
                ["Ngày báo cáo", new DateOnly(2025, 8, 12)],
                ["Mở cửa", new TimeOnly(7, 30)],
                ["Đóng cửa", new TimeOnly(21, 45)],
                ["Lũy kế", 1374],
                ["Tỷ lệ", 38.1],
                ["Ghi chú", "Phường Kỳ Sơn"],
            ]),
        ]);

        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(file));
        var rows = new Dictionary<string, (object Value, string Format)>();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = (reader.GetValue(1), reader.GetNumberFormatString(1));
        }

        rows["Ngày báo cáo"].Value.Should().Be(new DateTime(2025, 8, 12));
        rows["Ngày báo cáo"].Format.Should().BeEquivalentTo("dd/MM/yyyy");
        // A time alone is a fraction of a day: a DateTime on the reader's day zero.
        ((DateTime)rows["Mở cửa"].Value).TimeOfDay.Should().Be(new TimeSpan(7, 30, 0));
        rows["Mở cửa"].Format.Should().Be("hh:mm", "24-hour: without AM/PM, hh is the hour of the day");
        ((DateTime)rows["Đóng cửa"].Value).TimeOfDay.Should().Be(new TimeSpan(21, 45, 0));
        rows["Lũy kế"].Value.Should().Be(1374d);
        rows["Tỷ lệ"].Value.Should().Be(38.1d);
        rows["Tỷ lệ"].Format.Should().Be("0.0");
        rows["Ghi chú"].Value.Should().Be("Phường Kỳ Sơn");
    }
}
