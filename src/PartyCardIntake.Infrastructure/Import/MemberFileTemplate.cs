using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PartyCardIntake.Infrastructure.Export;

namespace PartyCardIntake.Infrastructure.Import;

/// <summary>
/// Blank member lists for committees without an export from the party-member software: the
/// headers in import order and two example rows (one with a year-only date of birth) to overwrite.
/// </summary>
public static class MemberFileTemplate
{
    private const string SheetName = "Danh sách đảng viên";

    /// <summary>Rows in <see cref="ImportColumn"/> order; the ID numbers agree with sex and birth year.</summary>
    private static readonly string[][] Examples =
    [
        ["025085004321", "Trần Văn Minh", "15/03/1985", "Nam", "Chi bộ Khu phố 1", "21034567", "19/05/2012", "0912345678",
            "Tổ 3, khu phố 1, phường Kỳ Sơn, tỉnh Phú Thọ"],
        ["025148000567", "Nguyễn Thị Lan", "1948", "Nữ", "Chi bộ Khu phố 3", "10345678", "03/02/1975", "",
            "Số 8, ngõ 12, khu phố 3, phường Kỳ Sơn, tỉnh Phú Thọ"],
    ];

    /// <summary>
    /// Columns formatted as text in the XLSX, so that what the user types there stays as typed:
    /// Excel would drop the leading zeros of ID and phone numbers, and would turn a typed date
    /// into whatever its locale makes of it (month first on an English system).
    /// </summary>
    private static readonly HashSet<ImportColumn> TextColumns =
        [ImportColumn.IdNumber, ImportColumn.DateOfBirth, ImportColumn.PartyCardNumber, ImportColumn.JoinedOn, ImportColumn.Phone];

    /// <summary>Digits that a spreadsheet would take for a number and strip of leading zeros.</summary>
    private static readonly HashSet<ImportColumn> DigitColumns = [ImportColumn.IdNumber, ImportColumn.PartyCardNumber, ImportColumn.Phone];

    private static readonly double[] ColumnWidths = [22, 28, 14, 10, 24, 14, 15, 14, 50];

    private static string[] Headers => Enum.GetValues<ImportColumn>().Select(column => ImportHeaders.Canonical[column]).ToArray();

    /// <summary>
    /// Written for Excel with the Vietnamese regional format, as the reports' CSV is (<see cref="CsvTables"/>):
    /// UTF-8 with a byte order mark, semicolons, dates dd/MM/yyyy. The ID, card and phone numbers are written
    /// as formulas that yield text, so that Excel keeps their leading zeros; the import reads them back.
    /// The examples are fixed text, so nothing in them needs escaping as a possible formula.
    /// </summary>
    public static byte[] Csv()
    {
        using var output = new MemoryStream();
        using (var writer = CsvWriter.Create(output, CsvTables.Options with { Injection = CsvInjection.None }, leaveOpen: true))
        {
            writer.WriteRecord(Headers);
            foreach (var example in Examples)
            {
                writer.WriteRecord(example.Select((value, i) => DigitColumns.Contains((ImportColumn)i) ? CsvTables.Text(value) : value).ToArray());
            }
        }

        return output.ToArray();
    }

    public static byte[] Xlsx()
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();

            var strings = new SharedStrings(workbookPart.AddNewPart<SharedStringTablePart>());
            var sheetData = new SheetData();
            sheetData.Append(Row(1, Headers, strings, _ => HeaderStyle));
            for (var i = 0; i < Examples.Length; i++)
            {
                sheetData.Append(Row((uint)(i + 2), Examples[i], strings, column => TextColumns.Contains(column) ? TextStyle : 0));
            }

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                { TabSelected = true, WorkbookViewId = 0 }),
                Columns(),
                sheetData,
                SexChoices());

            workbookPart.Workbook.AppendChild(new Sheets(
                new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = SheetName }));
            strings.Save();
        }

        return output.ToArray();
    }

    private const uint HeaderStyle = 1;
    private const uint TextStyle = 2;

    /// <summary>Format 49 is Excel's built-in "@" (text).</summary>
    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellStyleFormats(new CellFormat()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true }));

    private static Columns Columns()
    {
        var columns = new Columns();
        foreach (var column in Enum.GetValues<ImportColumn>())
        {
            var index = (uint)column + 1;
            columns.Append(new Column
            {
                Min = index, Max = index, Width = ColumnWidths[(int)column], CustomWidth = true,
                Style = TextColumns.Contains(column) ? TextStyle : null,
            });
        }

        return columns;
    }

    /// <summary>A drop-down on the sex column so that the value is one the import accepts.</summary>
    private static DataValidations SexChoices()
    {
        var letter = ColumnLetter(ImportColumn.Sex);
        return new DataValidations(new DataValidation(new Formula1("\"Nam,Nữ\""))
        {
            Type = DataValidationValues.List,
            AllowBlank = true,
            ShowErrorMessage = true,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{letter}2:{letter}{ImportLimits.Default.MaxRows + 1}" },
        })
        { Count = 1 };
    }

    private static Row Row(uint number, string[] values, SharedStrings strings, Func<ImportColumn, uint> style)
    {
        var row = new Row { RowIndex = number };
        for (var i = 0; i < values.Length; i++)
        {
            var column = (ImportColumn)i;
            var cell = new Cell { CellReference = $"{ColumnLetter(column)}{number}", StyleIndex = style(column) is var s and > 0 ? s : null };
            if (values[i].Length > 0)
            {
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue(strings.Index(values[i]));
            }

            row.Append(cell);
        }

        return row;
    }

    private static char ColumnLetter(ImportColumn column) => (char)('A' + (int)column);

    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
        private readonly SharedStringTable table = new();

        public int Index(string value)
        {
            if (!indexes.TryGetValue(value, out var index))
            {
                index = indexes.Count;
                indexes.Add(value, index);
                table.Append(new SharedStringItem(new Text(value)));
            }

            return index;
        }

        public void Save()
        {
            table.Count = (uint)indexes.Count;
            table.UniqueCount = (uint)indexes.Count;
            part.SharedStringTable = table;
        }
    }
}
