using System.Collections;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using ExcelDataReader;

namespace PartyCardIntake.Infrastructure.Import;

/// <summary>
/// A non-empty row of a sheet. A cell holds a string (CSV, text cells), a double (number cells),
/// a DateTime (date cells) or a bool; null when empty.
/// </summary>
internal readonly record struct SheetRow(int Number, object?[] Cells)
{
    public object? this[int index] => index >= 0 && index < Cells.Length ? Cells[index] : null;
}

/// <summary>What the central directory of an uploaded ZIP declares; see <see cref="SheetRows.InspectZip"/>.</summary>
internal readonly record struct ZipContents(bool HasWorkbook, long UnpackedBytes, int Entries, bool HasMacros);

internal static class SheetRows
{
    /// <summary>
    /// A member file has about ten columns; cells beyond this are not read, so a sheet that
    /// declares thousands of columns costs no more than one that declares a hundred.
    /// </summary>
    public const int MaxColumns = 100;

    static SheetRows()
    {
        // ExcelDataReader's configuration asks for code page 1252 when it is created, even for
        // XLSX, which .NET only knows once the code-pages provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static IEnumerable<SheetRow> Csv(ReadOnlyMemory<byte> utf8, char separator)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = false,
            // Kept so that record numbers match the rows a spreadsheet shows for the same file.
            SkipEmptyLines = false,
            DetectSeparatorHint = false,
            IncludeValuesInExceptions = false,
        };
        using var reader = CsvReader.Create(utf8, options);
        var number = 0;
        while (reader.Read())
        {
            number++;
            var count = Math.Min(reader.FieldCount, MaxColumns);
            var cells = new object?[count];
            var any = false;
            for (var i = 0; i < count; i++)
            {
                var value = ExcelText(reader.GetString(i));
                if (!string.IsNullOrWhiteSpace(value))
                {
                    cells[i] = value;
                    any = true;
                }
            }

            if (any)
            {
                yield return new SheetRow(number, cells);
            }
        }
    }

    /// <summary>
    /// ="025085004321" is how a CSV asks Excel to keep digits as text (our template writes ID numbers so): the
    /// text it stands for. Any other formula is left as it is, and fails the column's checks.
    /// </summary>
    internal static string ExcelText(string value) =>
        value.Length >= 3 && value.StartsWith("=\"", StringComparison.Ordinal) && value.EndsWith('"') && value.AsSpan(2, value.Length - 3).IndexOf('"') < 0
            ? value[2..^1]
            : value;

    /// <summary>Rows of the first worksheet, numbered as the spreadsheet numbers them.</summary>
    public static IEnumerable<SheetRow> Xlsx(byte[] data)
    {
        using var stream = new MemoryStream(data, writable: false);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var number = 0;
        while (reader.Read())
        {
            // ExcelDataReader returns the rows missing from the sheet's XML as empty rows, so the
            // count is the spreadsheet's own row number.
            number++;
            var count = Math.Min(reader.FieldCount, MaxColumns);
            object?[]? cells = null;
            for (var i = 0; i < count; i++)
            {
                var value = reader.GetValue(i);
                if (value is null or DBNull || (value is string text && string.IsNullOrWhiteSpace(text)))
                {
                    continue;
                }

                cells ??= new object?[count];
                cells[i] = value;
            }

            if (cells is not null)
            {
                yield return new SheetRow(number, cells);
            }
        }
    }

    /// <summary>
    /// What the central directory of a ZIP says: whether it holds a workbook (not a DOCX, an ODS
    /// or a plain archive), its declared unpacked size, its number of entries and whether it
    /// carries macros (a VBA project, or the .xlsm content type). Throws when the archive itself
    /// is broken.
    /// </summary>
    public static ZipContents InspectZip(byte[] data)
    {
        using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
        var hasWorkbook = false;
        var hasMacros = false;
        long total = 0;
        var entries = zip.Entries;
        foreach (var entry in entries)
        {
            hasWorkbook |= string.Equals(entry.FullName, "xl/workbook.xml", StringComparison.OrdinalIgnoreCase);
            hasMacros |= entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                || (string.Equals(entry.FullName, "[Content_Types].xml", StringComparison.OrdinalIgnoreCase) && DeclaresMacros(entry));
            total += entry.Length;
        }

        if (total <= MaxVerifiedBytes)
        {
            foreach (var entry in entries)
            {
                InflateAll(entry);
            }
        }

        return new ZipContents(hasWorkbook, total, entries.Count, hasMacros);
    }

    /// <summary>Above this the archive is refused for its declared size anyway, so it is not inflated.</summary>
    private const long MaxVerifiedBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Inflates a part into nothing, so that a part whose data does not match its declared size or
    /// checksum (a header that lies about a bomb, or a damaged part) fails here, before any reader trusts it.
    /// </summary>
    private static void InflateAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new byte[64 * 1024];
        long read = 0;
        var crc = Crc32.Start;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            read += n;
            crc = Crc32.Append(crc, buffer.AsSpan(0, n));
            if (read > entry.Length)
            {
                throw new InvalidDataException($"{entry.FullName} unpacks beyond its declared {entry.Length} bytes");
            }
        }

        if (read != entry.Length)
        {
            throw new InvalidDataException($"{entry.FullName} unpacks to {read} bytes, not its declared {entry.Length}");
        }

        // The reader stops at the declared size, so a lying header shows only in the checksum.
        if (Crc32.Finish(crc) != entry.Crc32)
        {
            throw new InvalidDataException($"{entry.FullName} fails its CRC");
        }
    }

    /// <summary>The content types of a macro-enabled workbook (.xlsm, .xltm, .xlam) all say "macroEnabled".</summary>
    private static bool DeclaresMacros(ZipArchiveEntry contentTypes)
    {
        // The part is a few kilobytes; one that claims more is read no further than this.
        const int MaxChars = 1024 * 1024;
        using var reader = new StreamReader(contentTypes.Open(), Encoding.UTF8);
        var buffer = new char[MaxChars];
        var read = reader.ReadBlock(buffer, 0, MaxChars);
        return buffer.AsSpan(0, read).Contains("macroEnabled", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Text of a cell as the user would read it: whole numbers without a decimal point or exponent
    /// (an ID or card number typed into a number cell), dates as dd/MM/yyyy.
    /// </summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string text => text,
        double number when IsWhole(number) => number.ToString("0", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        bool flag => flag ? "TRUE" : "FALSE",
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture),
    };

    public static bool IsWhole(double number) =>
        double.IsFinite(number) && Math.Abs(number) < 1e15 && number == Math.Floor(number);
}

/// <summary>
/// Rows from a reader of untrusted input, stopping quietly at the first failure. The readers
/// throw a variety of exception types on damaged files (ZIP, XML, their own); every one of them
/// means the same thing to the user, the file cannot be read, and the rows already seen are
/// not to be trusted either.
/// </summary>
internal sealed class GuardedRows(IEnumerable<SheetRow> rows) : IEnumerable<SheetRow>
{
    public bool Failed { get; private set; }

    public IEnumerator<SheetRow> GetEnumerator()
    {
        IEnumerator<SheetRow>? enumerator = null;
        try
        {
            while (true)
            {
                SheetRow row;
                try
                {
                    enumerator ??= rows.GetEnumerator();
                    if (!enumerator.MoveNext())
                    {
                        yield break;
                    }

                    row = enumerator.Current;
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Failed = true;
                    yield break;
                }

                yield return row;
            }
        }
        finally
        {
            enumerator?.Dispose();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
