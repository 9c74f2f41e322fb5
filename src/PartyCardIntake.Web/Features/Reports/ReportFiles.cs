using PartyCardIntake.Infrastructure.Export;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>
/// The reports as spreadsheets: the summary lines of <see cref="ReportLines"/> (numbers kept numeric in XLSX),
/// then the tables. Dates are shown dd/MM/yyyy, as on paper: real dates in XLSX, the regional format in CSV.
/// </summary>
public static class ReportFiles
{
    public static string DailyName(DailyReport report, string extension)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"bao-cao-ngay-{report.Figures.Code}-{ReportDate.Iso(report.Date)}.{extension}";
    }

    public static string ProvinceName(ProvinceDashboard dashboard, string extension)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        return $"tien-do-tinh-{dashboard.Figures.Code}-{ReportDate.Iso(dashboard.Date)}.{extension}";
    }

    public static byte[] DailyXlsx(DailyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return XlsxTables.Write(
        [
            new XlsxSheet(Ui.Reports_Sheet_Summary, [.. Heading(report), .. Summary(ReportLines.Daily(report))], HeaderRows: 3, Widths: [48, 18]),
            new XlsxSheet(Ui.Reports_Sheet_Cells, [CellHeader, .. report.Cells.Select(c => Row(c.Name, c.Eligible, c.Received, c.Remaining))], Widths: [40, 16, 16, 16]),
            new XlsxSheet(Ui.Reports_Sheet_Devices, [DeviceHeader, .. report.Devices.Select(d => Row(d.Name, d.Site, d.Records, d.AverageMinutes))], Widths: [24, 40, 16, 22]),
        ]);
    }

    /// <summary>The summary lines (label, figure as Excel reads it), a blank line, then the cells.</summary>
    public static byte[] DailyCsv(DailyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        List<IReadOnlyList<object?>> rows = [.. Heading(report).Take(2)];
        rows.AddRange(ReportLines.Daily(report).SelectMany(g => g.Lines).Select(l => Row(l.Label, CellValue(l))));
        rows.Add([string.Empty]);
        rows.Add(CellHeader);
        rows.AddRange(report.Cells.Select(c => Row(c.Name, c.Eligible, c.Received, c.Remaining)));
        return CsvTables.Write(rows);
    }

    public static byte[] ProvinceXlsx(ProvinceDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        IReadOnlyList<object?>[] heading =
        [
            Row(Ui.Reports_Line_province, $"{dashboard.Figures.Code} {dashboard.Figures.Name}"),
            Row(Ui.Reports_Date, dashboard.Date),
            Row(Ui.Reports_Col_Item, Ui.Reports_Col_Value),
        ];
        var communes = dashboard.Rows.Select(c => Row(
            c.Code, c.Name, c.Eligible, c.ReceivedTotal, c.Percent, c.ReceivedYesterday,
            c.ForecastFinish, c.DaysLate, c.AtRisk ? Ui.Reports_Province_AtRisk : null));
        return XlsxTables.Write(
        [
            new XlsxSheet(Ui.Reports_Sheet_Summary, [.. heading, .. Summary(ReportLines.Province(dashboard))], HeaderRows: 3, Widths: [48, 18]),
            new XlsxSheet(Ui.Reports_Sheet_Communes, [CommuneHeader, .. communes], Widths: [10, 32, 14, 14, 12, 14, 16, 14, 22]),
        ]);
    }

    private static IReadOnlyList<object?> CellHeader => [Ui.Reports_Cells_Name, Ui.Reports_Cells_Eligible, Ui.Reports_Cells_Received, Ui.Reports_Cells_Remaining];

    private static IReadOnlyList<object?> DeviceHeader => [Ui.Reports_Devices_Name, Ui.Reports_Devices_Site, Ui.Reports_Devices_Records, Ui.Reports_Devices_Minutes];

    private static IReadOnlyList<object?> CommuneHeader =>
    [
        Ui.Reports_Col_Code, Ui.Reports_Col_Name, Ui.Reports_Col_Eligible, Ui.Reports_Col_Received, Ui.Reports_Col_PercentNumber,
        Ui.Reports_Col_Yesterday, Ui.Reports_Col_Finish, Ui.Reports_Col_LateNumber, Ui.Reports_Province_AtRisk,
    ];

    private static IReadOnlyList<object?>[] Heading(DailyReport report) =>
    [
        Row(Ui.Reports_Line_commune, $"{report.Figures.Code} {report.Figures.Name}"),
        Row(Ui.Reports_Date, report.Date),
        Row(Ui.Reports_Col_Item, Ui.Reports_Col_Value),
    ];

    private static IEnumerable<IReadOnlyList<object?>> Summary(IReadOnlyList<ReportGroup> groups) =>
        groups.SelectMany(g => g.Lines).Select(l => Row(l.Label, CellValue(l)));

    /// <summary>
    /// A figure for a spreadsheet, XLSX or CSV alike: counts as whole numbers, the percentage as a decimal (43.5),
    /// dates as dates, verdicts ("Sớm 9 ngày") as the text shown.
    /// </summary>
    private static object CellValue(ReportLine line) => line switch
    {
        { Key: "percent" } => line.Value!.Value,
        { Key: "daysLate" } => line.Text,
        { Date: { } date } => date,
        { Value: { } v } => (int)v,
        _ => line.Text,
    };

    private static object?[] Row(params object?[] values) => values;
}
