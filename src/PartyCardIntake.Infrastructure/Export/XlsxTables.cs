using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartyCardIntake.Infrastructure.Export;

/// <summary>
/// One worksheet of plain rows. A cell is text (a string), a number (int or double, kept numeric so that the
/// sheet can sum it), a date (DateOnly) or a time of day (TimeOnly), or empty (null). The first <see cref="HeaderRows"/> rows are bold and stay in view.
/// </summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows, int HeaderRows = 1, IReadOnlyList<double>? Widths = null);

/// <summary>Workbooks of simple tables for reports, with DocumentFormat.OpenXml.</summary>
public static class XlsxTables
{
    private const uint BoldStyle = 1;
    private const uint DecimalStyle = 2;
    private const uint DateStyle = 3;
    private const uint TimeStyle = 4;

    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var workbookSheets = workbookPart.Workbook.AppendChild(new Sheets());
            for (var i = 0; i < sheets.Count; i++)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(sheets[i], selected: i == 0);
                workbookSheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = SheetName(sheets[i].Name) });
            }
        }

        return output.ToArray();
    }

    private static Worksheet Worksheet(XlsxSheet sheet, bool selected)
    {
        var data = new SheetData();
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            var values = sheet.Rows[r];
            for (var c = 0; c < values.Count; c++)
            {
                if (Cell(values[c], $"{Column(c)}{r + 1}", bold: r < sheet.HeaderRows) is { } cell)
                {
                    row.Append(cell);
                }
            }

            data.Append(row);
        }

        var worksheet = new Worksheet();
        if (sheet.HeaderRows > 0)
        {
            worksheet.Append(new SheetViews(new SheetView(
                new Pane { VerticalSplit = sheet.HeaderRows, TopLeftCell = $"A{sheet.HeaderRows + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { TabSelected = selected, WorkbookViewId = 0 }));
        }

        if (sheet.Widths is { Count: > 0 } widths)
        {
            var columns = new Columns();
            for (var c = 0; c < widths.Count; c++)
            {
                columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = widths[c], CustomWidth = true });
            }

            worksheet.Append(columns);
        }

        worksheet.Append(data);
        return worksheet;
    }

    /// <summary>
    /// Text inline (no shared table to keep in step), numbers as numbers, dates and times as Excel's serial numbers
    /// under a date or time format, so that a sheet can sort, filter and subtract them; null leaves the cell out.
    /// </summary>
    private static Cell? Cell(object? value, string reference, bool bold) => value switch
    {
        null => null,
        DateOnly date => new Cell { CellReference = reference, CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate()), DataType = CellValues.Number, StyleIndex = DateStyle },
        TimeOnly time => new Cell { CellReference = reference, CellValue = new CellValue(time.ToTimeSpan().TotalDays), DataType = CellValues.Number, StyleIndex = TimeStyle },
        int or long => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)), DataType = CellValues.Number, StyleIndex = bold ? BoldStyle : null },
        double d => new Cell { CellReference = reference, CellValue = new CellValue(d), DataType = CellValues.Number, StyleIndex = bold ? BoldStyle : DecimalStyle },
        _ => new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)),
            StyleIndex = bold ? BoldStyle : null,
        },
    };

    /// <summary>
    /// Format 2 is Excel's built-in "0.00"; a report's decimals are shown with one, so a custom "0.0". The built-in
    /// date format 14 follows the reader's regional settings (month first in English), so dates have their own
    /// dd/mm/yyyy and times a 24-hour hh:mm, as Vietnamese paperwork writes them everywhere.
    /// </summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "hh:mm" })
        { Count = 3 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true })
        { Count = 5 });

    private static string Column(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Excel allows 31 characters and none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(ch => ch is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : ch).ToArray()).Trim();
        return clean.Length > 31 ? clean[..31] : clean;
    }
}
