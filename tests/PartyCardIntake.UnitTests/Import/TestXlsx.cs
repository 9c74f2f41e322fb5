using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartyCardIntake.UnitTests.Import;

/// <summary>
/// A minimal XLSX writer for tests, independent of the template code: strings as inline text,
/// numbers as number cells, DateTime as date cells (built-in format 14), as Excel stores them.
/// </summary>
internal static class TestXlsx
{
    private const uint DateStyle = 1;

    /// <summary>Rows from row 1 down; a null row leaves that row out of the sheet, a null value leaves the cell out.</summary>
    public static byte[] Build(params object?[]?[] rows)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellStyleFormats(new CellFormat()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));

            var sheetData = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r] is not { } values)
                {
                    continue;
                }

                var rowNumber = (uint)(r + 1);
                var row = new Row { RowIndex = rowNumber };
                for (var c = 0; c < values.Length; c++)
                {
                    if (values[c] is { } value)
                    {
                        row.Append(CellFor($"{(char)('A' + c)}{rowNumber}", value));
                    }
                }

                sheetData.Append(row);
            }

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(sheetData);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "Sheet1" }));
        }

        return output.ToArray();
    }

    private static Cell CellFor(string reference, object value) => value switch
    {
        string text => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) },
        DateTime date => new Cell { CellReference = reference, CellValue = new CellValue(date.ToOADate()), StyleIndex = DateStyle },
        DateOnly date => new Cell { CellReference = reference, CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate()), StyleIndex = DateStyle },
        bool flag => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(flag ? "1" : "0") },
        _ => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)) },
    };
}
