using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>An XLSX read back with DocumentFormat.OpenXml: each sheet's rows as the text of their cells.</summary>
public static class Spreadsheet
{
    public static Dictionary<string, List<List<string>>> Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheets = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            sheets[sheet.Name!] = part.Worksheet.Descendants<Row>()
                .Select(row => row.Elements<Cell>().Select(cell => Text(cell, shared)).ToList())
                .ToList();
        }

        return sheets;
    }

    /// <summary>The row whose first cell is <paramref name="first"/>.</summary>
    public static List<string> Row(List<List<string>> rows, string first) =>
        rows.SingleOrDefault(r => r.Count > 0 && r[0] == first) ?? throw new InvalidOperationException($"No row starting with '{first}'.");

    private static string Text(Cell cell, List<string> shared)
    {
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
