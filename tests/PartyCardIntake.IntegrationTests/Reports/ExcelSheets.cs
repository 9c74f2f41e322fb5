using System.Text;
using ExcelDataReader;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>A cell as ExcelDataReader types it (a DateTime for a number under a date format) and its number format.</summary>
public sealed record ExcelCell(object? Value, string? Format);

/// <summary>
/// An XLSX read back with ExcelDataReader, which decides from each cell's number format, as Excel does, whether a
/// number is a date: each sheet's rows of cells.
/// </summary>
public static class ExcelSheets
{
    static ExcelSheets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Dictionary<string, List<ExcelCell[]>> Read(byte[] xlsx)
    {
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(xlsx));
        var sheets = new Dictionary<string, List<ExcelCell[]>>(StringComparer.Ordinal);
        do
        {
            var rows = new List<ExcelCell[]>();
            while (reader.Read())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => new ExcelCell(reader.GetValue(i), reader.GetNumberFormatString(i))).ToArray());
            }

            sheets[reader.Name] = rows;
        }
        while (reader.NextResult());

        return sheets;
    }

    /// <summary>The row whose first cell is the text <paramref name="first"/>.</summary>
    public static ExcelCell[] Row(this List<ExcelCell[]> rows, string first) =>
        rows.SingleOrDefault(r => r.Length > 0 && r[0].Value is string s && s == first) ?? throw new InvalidOperationException($"No row starting with '{first}'.");
}
