using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>
/// An XLSX read back with DocumentFormat.OpenXml: each sheet's rows as the text of their cells, a date cell (a
/// number under a date format) as Excel shows it under dd/mm/yyyy.
/// </summary>
public static class Spreadsheet
{
    public static Dictionary<string, List<List<string>>> Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var dateStyles = DateStyles(workbook);
        var sheets = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            sheets[sheet.Name!] = part.Worksheet.Descendants<Row>()
                .Select(row => row.Elements<Cell>().Select(cell => Text(cell, shared, dateStyles)).ToList())
                .ToList();
        }

        return sheets;
    }

    /// <summary>The row whose first cell is <paramref name="first"/>.</summary>
    public static List<string> Row(List<List<string>> rows, string first) =>
        rows.SingleOrDefault(r => r.Count > 0 && r[0] == first) ?? throw new InvalidOperationException($"No row starting with '{first}'.");

    /// <summary>The cell styles whose number format is the dd/mm/yyyy of the reports.</summary>
    public static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var dateFormats = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => string.Equals(f.FormatCode?.Value, "dd/mm/yyyy", StringComparison.OrdinalIgnoreCase))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        return stylesheet?.CellFormats?.Elements<CellFormat>()
            .Select((format, index) => (format, index))
            .Where(f => f.format.NumberFormatId is { } id && dateFormats.Contains(id.Value))
            .Select(f => (uint)f.index).ToHashSet() ?? [];
    }

    private static string Text(Cell cell, List<string> shared, HashSet<uint> dateStyles)
    {
        if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) && (cell.DataType is null || cell.DataType.Value == CellValues.Number) && cell.CellValue is { } value)
        {
            return DateTime.FromOADate(double.Parse(value.Text, System.Globalization.CultureInfo.InvariantCulture)).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return cell.CellValue?.Text ?? string.Empty;
    }
}
