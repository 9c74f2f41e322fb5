using CsvHelper;

namespace PartyCardIntake.Infrastructure.Export;

/// <summary>
/// CSV for reports: rows of text that may differ in length (a summary, then a table). Short rows are padded with
/// empty fields to the longest, since RFC 4180 wants every record the same width.
/// </summary>
public static class CsvTables
{
    /// <summary>
    /// UTF-8 with a byte order mark, without which Excel opens the file in the system's ANSI code page and
    /// mangles Vietnamese; comma separated, as RFC 4180 and Excel's "CSV UTF-8" expect.
    /// </summary>
    public static byte[] Write(IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var records = rows.ToList();
        var width = records.Count == 0 ? 0 : records.Max(r => r.Count);
        using var output = new MemoryStream();
        using (var writer = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var row in records)
            {
                writer.WriteRecord([.. row, .. Enumerable.Repeat(string.Empty, width - row.Count)]);
            }
        }

        return output.ToArray();
    }
}
