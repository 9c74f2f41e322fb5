using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>The reports as files: each carries the figures the page shows, and none is kept in a cache.</summary>
public abstract partial class ReportFileTests(AppFixture app)
{
    [Fact]
    public async Task The_daily_xlsx_opens_with_the_summary_the_cells_and_the_devices()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var lead = await app.SignedInClientAsync(commune.LeadUserName);

        using var response = await lead.GetAsync($"/reports/daily.xlsx?date={commune.Iso}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Content.Headers.ContentDisposition!.FileName.Should().Be($"bao-cao-ngay-{commune.Code}-{commune.Iso}.xlsx");

        var sheets = Spreadsheet.Read(await response.Content.ReadAsByteArrayAsync());
        sheets.Keys.Should().Equal("Tổng hợp", "Chi bộ", "Máy");
        var summary = sheets["Tổng hợp"];
        Spreadsheet.Row(summary, "Xã/phường")[1].Should().Be($"{commune.Code} {commune.Name}");
        Spreadsheet.Row(summary, "Ngày báo cáo")[1].Should().Be(commune.Day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        Spreadsheet.Row(summary, "Đảng viên thuộc diện cấp đổi")[1].Should().Be("10");
        Spreadsheet.Row(summary, "Tiếp nhận trong ngày")[1].Should().Be("5");
        Spreadsheet.Row(summary, "Lũy kế đã tiếp nhận")[1].Should().Be("8");
        Spreadsheet.Row(summary, "Tỷ lệ so với diện cấp đổi")[1].Should().Be("80");
        Spreadsheet.Row(summary, "Sai lệch với CSDL dân cư chưa xử lý")[1].Should().Be("3");
        Spreadsheet.Row(summary, "So với hạn")[1].Should().Be("Sớm 9 ngày");
        sheets["Chi bộ"].Skip(1).Should().BeEquivalentTo(new[] { new[] { "Chi bộ Thôn Hai", "4", "3", "1" }, new[] { "Chi bộ Thôn Một", "6", "5", "1" } }, o => o.WithStrictOrdering());
        sheets["Máy"][1].Should().Equal("Máy A", $"Trụ sở Công an {commune.Name}", "4", "5");
        sheets["Máy"][2].Should().Equal("Máy B", $"Trụ sở Công an {commune.Name}", "1");
    }

    [Fact]
    public async Task The_daily_csv_starts_with_a_byte_order_mark_then_the_summary_then_the_cells()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var lead = await app.SignedInClientAsync(commune.LeadUserName);

        using var response = await lead.GetAsync($"/reports/daily.csv?date={commune.Iso}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);

        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain($"Xã/phường;{commune.Code} {commune.Name};;")
            .And.Contain("Lũy kế đã tiếp nhận;8;;")
            .And.Contain("Tiếp nhận trong ngày;5;;")
            .And.Contain("Tỷ lệ so với diện cấp đổi;80,0;;")
            .And.Contain("Chờ đối chiếu CSDL dân cư;1;;")
            .And.Contain($"Dự kiến hoàn thành;{commune.Day.AddDays(1):dd/MM/yyyy};;");
        var header = Array.IndexOf(lines, "Chi bộ;Thuộc diện;Đã tiếp nhận;Còn lại");
        header.Should().BeGreaterThan(Array.IndexOf(lines, "Lũy kế đã tiếp nhận;8;;"));
        lines[(header + 1)..].Should().Equal("Chi bộ Thôn Hai;4;3;1", "Chi bộ Thôn Một;6;5;1");
    }

    [Fact]
    public async Task The_daily_csv_opens_in_Vietnamese_Excel_with_its_letters_numbers_and_dates_and_no_formula()
    {
        var commune = await ReportCommune.CreateAsync(app);
        await using (var db = app.SystemContext())
        {
            // A cell name that Excel would run as a formula, as a committee member could type it.
            var cell = await db.PartyCells.SingleAsync(c => c.CommuneId == commune.Id && c.Name == "Chi bộ Thôn Hai");
            cell.Name = "=HYPERLINK(\"http://example.com\",\"Chi bộ Thôn Hai\")";
            await db.SaveChangesAsync();
        }

        using var lead = await app.SignedInClientAsync(commune.LeadUserName);
        var sheet = ExcelCsv.Open(await lead.GetByteArrayAsync($"/reports/daily.csv?date={commune.Iso}"));

        sheet.Utf8.Should().BeTrue();
        sheet.Row("Xã/phường")[1].Should().Be($"{commune.Code} {commune.Name}");
        sheet.Row("Ngày báo cáo")[1].Should().Be(commune.Day.ToDateTime(TimeOnly.MinValue));
        sheet.Row("Hạn hoàn thành")[1].Should().Be(commune.Deadline.ToDateTime(TimeOnly.MinValue));
        sheet.Row("Dự kiến hoàn thành")[1].Should().Be(commune.Day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        sheet.Row("Lũy kế đã tiếp nhận")[1].Should().Be(8d);
        sheet.Row("Tỷ lệ so với diện cấp đổi")[1].Should().Be(80d);
        sheet.Row("So với hạn")[1].Should().Be("Sớm 9 ngày");
        sheet.Row("Chi bộ Thôn Một").Should().Equal("Chi bộ Thôn Một", 6d, 5d, 1d);
        sheet.Rows.SelectMany(r => r).Should().NotContain(c => c is ExcelFormula);
        sheet.Rows.Select(r => r[0]).OfType<string>().Should().Contain(name => name.EndsWith("=HYPERLINK(\"http://example.com\",\"Chi bộ Thôn Hai\")", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_xlsx_files_hold_their_dates_as_Excel_dates_formatted_day_first()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var lead = await app.SignedInClientAsync(commune.LeadUserName);
        using var viewer = await app.SignedInClientAsync(DemoAccounts.Province);

        // Excel's format codes take m for the month next to d and y: dd/mm/yyyy is the day first, the month, the year.
        ExcelCell Date(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), "dd/mm/yyyy");
        var daily = ExcelSheets.Read(await lead.GetByteArrayAsync($"/reports/daily.xlsx?date={commune.Iso}"));
        var summary = daily["Tổng hợp"];
        summary.Row("Ngày báo cáo")[1].Should().Be(Date(commune.Day));
        summary.Row("Hạn hoàn thành")[1].Should().Be(Date(commune.Deadline));
        summary.Row("Dự kiến hoàn thành")[1].Should().Be(Date(commune.Day.AddDays(1)));
        summary.Row("Lũy kế đã tiếp nhận")[1].Value.Should().Be(8d);
        summary.Row("Tỷ lệ so với diện cấp đổi")[1].Should().Be(new ExcelCell(80d, "0.0"));

        var province = ExcelSheets.Read(await viewer.GetByteArrayAsync($"/province.xlsx?date={commune.Iso}&q={commune.Code}"));
        province["Tổng hợp"].Row("Ngày báo cáo")[1].Should().Be(Date(commune.Day));
        province["Tổng hợp"].Row("Hạn hoàn thành")[1].Value.Should().BeOfType<DateTime>();
        var row = province["Xã, phường"].Row(commune.Code);
        row[6].Should().Be(Date(commune.Day.AddDays(1)), "the forecast finish");
        row[7].Value.Should().Be(-9d, "days late stay a number");
    }

    [Fact]
    public async Task The_daily_pdf_shows_the_commune_and_every_figure_of_the_page()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var lead = await app.SignedInClientAsync(commune.LeadUserName);
        var page = await lead.GetStringAsync($"/reports/daily?date={commune.Iso}");
        var lines = SummaryLines(page);
        lines.Should().HaveCount(16);
        lines.Should().Contain(("Lũy kế đã tiếp nhận", "8")).And.Contain(("Tỷ lệ so với diện cấp đổi", "80,0%"));

        using var response = await lead.GetAsync($"/reports/daily.pdf?date={commune.Iso}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();

        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        text.Should().Contain(commune.Name).And.Contain("BÁO CÁO KẾT QUẢ TIẾP NHẬN HỒ SƠ CẤP ĐỔI THẺ ĐẢNG VIÊN")
            .And.Contain($"số liệu ngày {commune.Day:dd/MM/yyyy}")
            .And.Contain("Lũy kế tiếp nhận so với mục tiêu")
            .And.Contain("Chi bộ Thôn Hai 4 3 1").And.Contain("Chi bộ Thôn Một 6 5 1")
            .And.Contain($"Máy A Trụ sở Công an {commune.Name} 4 5,0")
            .And.Contain("CÔNG AN TỈNH PHÚ THỌ", "the authority above the commune police heads the document")
            .And.Contain("NGƯỜI LẬP BIỂU").And.Contain($"TRƯỞNG CÔNG AN {commune.Name.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))}");
        foreach (var (label, value) in lines)
        {
            text.Should().Contain($"{label} {value}");
        }

        commune.MemberNames.Should().OnlyContain(name => !text.Contains(name));
    }

    [Fact]
    public async Task The_province_pdf_and_xlsx_list_the_communes_with_their_figures()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var viewer = await app.SignedInClientAsync(DemoAccounts.Province);

        using var pdf = await viewer.GetAsync($"/province.pdf?date={commune.Iso}&q={commune.Code}");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Headers.CacheControl!.NoStore.Should().BeTrue();
        var text = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync());
        text.Should().Contain("BỘ CÔNG AN").And.Contain("CÔNG AN TỈNH PHÚ THỌ").And.Contain("BÁO CÁO TIẾN ĐỘ CẤP ĐỔI THẺ ĐẢNG VIÊN")
            .And.Contain("NGƯỜI LẬP BIỂU").And.Contain("GIÁM ĐỐC CÔNG AN TỈNH PHÚ THỌ")
            .And.Contain(commune.Name)
            .And.Contain($"10 8 80,0% 1 {commune.Day.AddDays(1):dd/MM/yyyy} Sớm 9 ngày")
            .And.NotContain("Phường Kỳ Sơn", "the filter applies to the printed table as well");

        using var xlsx = await viewer.GetAsync($"/province.xlsx?date={commune.Iso}");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        xlsx.Headers.CacheControl!.NoStore.Should().BeTrue();
        var sheets = Spreadsheet.Read(await xlsx.Content.ReadAsByteArrayAsync());
        sheets.Keys.Should().Equal("Tổng hợp", "Xã, phường");
        Spreadsheet.Row(sheets["Xã, phường"], commune.Code).Should().Equal(
            commune.Code, commune.Name, "10", "8", "80", "1", commune.Day.AddDays(1).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), "-9");
        Spreadsheet.Row(sheets["Xã, phường"], DemoPopulationGenerator.DefaultShapes[0].Code)[1].Should().Be("Phường Kỳ Sơn");
    }

    /// <summary>The summary's label and figure pairs as the page shows them.</summary>
    internal static List<(string Label, string Value)> SummaryLines(string html) =>
        SummaryLine().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value).Trim(), WebUtility.HtmlDecode(m.Groups[2].Value).Trim())).ToList();

    [GeneratedRegex("<tr data-testid=\"line-[A-Za-z]+\">\\s*<td class=\"label\">([^<]*)</td>\\s*<td class=\"[^\"]*\" data-testid=\"value-[A-Za-z]+\">([^<]*)</td>")]
    private static partial Regex SummaryLine();

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ReportFileTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ReportFileTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ReportFileTests(app);
}
