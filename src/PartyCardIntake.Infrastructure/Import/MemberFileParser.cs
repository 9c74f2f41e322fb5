namespace PartyCardIntake.Infrastructure.Import;

/// <summary>
/// Reads a member list exported by the party-member management software (or typed by hand) from
/// CSV or XLSX, and checks every row. Nothing is written anywhere: the web app shows the result and
/// stores the valid rows.
/// </summary>
public static class MemberFileParser
{
    /// <summary>
    /// How far down the header is looked for. Exports often start with a title ("DANH SÁCH ĐẢNG
    /// VIÊN…") and a blank or date line above the real header.
    /// </summary>
    private const int HeaderSearchRows = 10;

    /// <param name="file">The uploaded file, read from its current position.</param>
    /// <param name="fileName">The name the user gave; informative only, the format is decided from the content.</param>
    /// <param name="today">The date the checks for future dates and adulthood use.</param>
    /// <param name="limits">Size and row limits; <see cref="ImportLimits.Default"/> when null.</param>
    public static ImportParseResult Parse(Stream file, string fileName, DateOnly today, ImportLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= ImportLimits.Default;

        var data = ReadAtMost(file, limits.MaxBytes);
        if (data is null)
        {
            return ImportParseResult.Failed(ImportErrorCodes.FileTooLarge);
        }

        if (data.Length == 0)
        {
            return ImportParseResult.Failed(ImportErrorCodes.FileEmpty);
        }

        var (kind, error) = FileFormat.Detect(data, limits);
        if (error is not null)
        {
            return ImportParseResult.Failed(error);
        }

        var rows = new GuardedRows(kind == FileKind.Xlsx ? SheetRows.Xlsx(data) : CsvRows(data));
        var result = ParseRows(rows, today, limits);
        return rows.Failed ? ImportParseResult.Failed(ImportErrorCodes.FileUnreadable) : result;
    }

    private static ImportParseResult ParseRows(GuardedRows rows, DateOnly today, ImportLimits limits)
    {
        using var enumerator = rows.GetEnumerator();
        var top = new List<SheetRow>(HeaderSearchRows);
        while (top.Count < HeaderSearchRows && enumerator.MoveNext())
        {
            top.Add(enumerator.Current);
        }

        if (top.Count == 0)
        {
            return ImportParseResult.Failed(ImportErrorCodes.FileEmpty);
        }

        var (headerIndex, map) = FindHeader(top);
        var missing = ImportHeaders.Missing(map);
        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(column => ImportHeaders.Canonical[column]));
            return ImportParseResult.Failed(
                ImportErrorCodes.FileMissingColumns,
                errors: [new ImportError(top[headerIndex].Number, null, ImportErrorCodes.FileMissingColumns, names)]);
        }

        var validator = new MemberRowValidator(map, today);
        var valid = new List<ImportedMember>();
        var errors = new List<ImportError>();
        var dataRows = 0;
        foreach (var row in top.Skip(headerIndex + 1).Concat(Remaining(enumerator)))
        {
            if (validator.IsBlank(row))
            {
                continue;
            }

            dataRows++;
            if (dataRows > limits.MaxRows)
            {
                // Stop here: the rest of an oversized file is not worth reading.
                return ImportParseResult.Failed(ImportErrorCodes.FileTooManyRows, dataRows);
            }

            if (validator.Validate(row, errors) is { } member)
            {
                valid.Add(member);
            }
        }

        return new ImportParseResult(valid, errors, dataRows, null);
    }

    /// <summary>
    /// The first row that has every required column; failing that, the one that names the most
    /// columns, so that the missing-columns error points at the row the user meant as the header.
    /// </summary>
    private static (int Index, int[] Map) FindHeader(List<SheetRow> top)
    {
        var best = (Index: 0, Map: ImportHeaders.Map(HeaderTexts(top[0])), Found: -1);
        for (var i = 0; i < top.Count; i++)
        {
            var map = i == 0 ? best.Map : ImportHeaders.Map(HeaderTexts(top[i]));
            if (ImportHeaders.Missing(map).Count == 0)
            {
                return (i, map);
            }

            var found = map.Count(index => index >= 0);
            if (found > best.Found)
            {
                best = (i, map, found);
            }
        }

        return (best.Index, best.Map);
    }

    private static string?[] HeaderTexts(SheetRow row) => row.Cells.Select(SheetRows.Text).ToArray();

    private static IEnumerable<SheetRow> Remaining(IEnumerator<SheetRow> enumerator)
    {
        while (enumerator.MoveNext())
        {
            yield return enumerator.Current;
        }
    }

    private static IEnumerable<SheetRow> CsvRows(byte[] data)
    {
        ReadOnlyMemory<byte> text = data.AsMemory(FileFormat.BomLength(data));

        // Excel writes and honours a first line "sep=;" and hides it, so the rows below it are
        // numbered from 1 as the user sees them.
        char? hinted = null;
        if (text.Span.StartsWith("sep="u8) && text.Length > 4 && (char)text.Span[4] is ',' or ';' or '\t' or '|')
        {
            hinted = (char)text.Span[4];
            var lineEnd = text.Span.IndexOf((byte)'\n');
            text = lineEnd < 0 ? ReadOnlyMemory<byte>.Empty : text[(lineEnd + 1)..];
        }

        var separator = hinted ?? DetectSeparator(FileFormat.FirstLines(text.Span, HeaderSearchRows));
        return SheetRows.Csv(text, separator);
    }

    /// <summary>
    /// Comma or semicolon, chosen on the header line: the separator with which a line among the
    /// first ones names every required column; failing that, the one more frequent on the first line.
    /// Spreadsheets with a Vietnamese or other European locale save CSV with semicolons.
    /// </summary>
    internal static char DetectSeparator(IReadOnlyList<string> firstLines)
    {
        foreach (var line in firstLines)
        {
            foreach (var separator in (ReadOnlySpan<char>)[',', ';'])
            {
                if (ImportHeaders.Missing(ImportHeaders.Map(SplitLine(line, separator))).Count == 0)
                {
                    return separator;
                }
            }
        }

        if (firstLines.Count == 0)
        {
            return ',';
        }

        return CountOutsideQuotes(firstLines[0], ';') > CountOutsideQuotes(firstLines[0], ',') ? ';' : ',';
    }

    private static List<string?> SplitLine(string line, char separator)
    {
        var cells = new List<string?>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == separator && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }

    private static int CountOutsideQuotes(string line, char separator)
    {
        var count = 0;
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == separator && !quoted)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The whole stream, or null as soon as it proves longer than <paramref name="maxBytes"/>.</summary>
    private static byte[]? ReadAtMost(Stream file, int maxBytes)
    {
        if (file.CanSeek && file.Length - file.Position > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = file.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
