using System.Text;
using System.Text.Unicode;

namespace PartyCardIntake.Infrastructure.Import;

internal enum FileKind
{
    Csv,
    Xlsx,
}

/// <summary>
/// Decides from the bytes what a file is. The name is not trusted: people rename files, and
/// browsers send whatever the name says.
/// </summary>
internal static class FileFormat
{
    private const int SniffBytes = 8 * 1024;

    private static ReadOnlySpan<byte> ZipLocalHeader => "PK\x03\x04"u8;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Signatures of formats people upload by mistake: PDF, images, old Office (OLE: .xls, .doc, encrypted .xlsx), archives.</summary>
    private static readonly byte[][] ForeignSignatures =
    [
        "%PDF"u8.ToArray(),
        [0xFF, 0xD8, 0xFF],
        [0x89, (byte)'P', (byte)'N', (byte)'G'],
        "GIF8"u8.ToArray(),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        "PK\x05\x06"u8.ToArray(),
        "Rar!"u8.ToArray(),
        [(byte)'7', (byte)'z', 0xBC, 0xAF],
        [0x1F, 0x8B],
        "{\\rtf"u8.ToArray(),
    ];

    public static int BomLength(ReadOnlySpan<byte> data) => data.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;

    /// <summary>The kind of file, or the code of the reason it cannot be imported.</summary>
    public static (FileKind? Kind, string? Error) Detect(byte[] data, ImportLimits limits)
    {
        ReadOnlySpan<byte> span = data;
        if (span.StartsWith(ZipLocalHeader))
        {
            return DetectZip(data, limits);
        }

        foreach (var signature in ForeignSignatures)
        {
            if (span.StartsWith(signature))
            {
                return (null, ImportErrorCodes.FileUnsupported);
            }
        }

        // UTF-16 or UTF-32 text ("Unicode text" from Excel) is text, but not in the encoding asked for.
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ||
            span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (null, ImportErrorCodes.FileUnreadable);
        }

        var text = span[BomLength(span)..];
        if (LooksBinary(text[..Math.Min(text.Length, SniffBytes)]))
        {
            return (null, ImportErrorCodes.FileUnsupported);
        }

        // Web applications export "Excel" files that are HTML tables or XML Spreadsheet 2003;
        // read as CSV they would only produce a confusing list of missing columns.
        var firstVisible = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (firstVisible >= 0 && text[firstVisible] == (byte)'<')
        {
            return (null, ImportErrorCodes.FileUnsupported);
        }

        // Windows-1258 and TCVN3 files from old software must not be read with wrong letters.
        return Utf8.IsValid(text) ? (FileKind.Csv, null) : (null, ImportErrorCodes.FileUnreadable);
    }

    private static (FileKind? Kind, string? Error) DetectZip(byte[] data, ImportLimits limits)
    {
        ZipContents contents;
        try
        {
            contents = SheetRows.InspectZip(data);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A damaged archive fails in several ways (bad headers, bad central directory);
            // all of them mean the same to the user.
            return (null, ImportErrorCodes.FileUnreadable);
        }

        // A macro-enabled workbook (.xlsm) is not an XLSX: its code is never run here, but the
        // file is not kept either, and refusing it keeps macros out of anything derived from it.
        if (!contents.HasWorkbook || contents.HasMacros)
        {
            return (null, ImportErrorCodes.FileUnsupported);
        }

        return contents.Entries > limits.MaxZipEntries || contents.UnpackedBytes > limits.MaxUncompressedBytes
            ? (null, ImportErrorCodes.FileTooLarge)
            : (FileKind.Xlsx, null);
    }

    /// <summary>
    /// Binary data has NUL bytes or many control characters; text has neither. A stray control
    /// character in an otherwise good CSV is left for the cell checks to point at.
    /// </summary>
    private static bool LooksBinary(ReadOnlySpan<byte> start)
    {
        if (start.Contains((byte)0))
        {
            return true;
        }

        var controls = 0;
        foreach (var b in start)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                controls++;
            }
        }

        return controls > 8 && controls * 100 > start.Length;
    }

    /// <summary>Up to <paramref name="maxLines"/> non-blank lines from the start of UTF-8 text, for header detection.</summary>
    public static List<string> FirstLines(ReadOnlySpan<byte> utf8, int maxLines)
    {
        var prefix = utf8[..Math.Min(utf8.Length, 64 * 1024)];
        if (prefix.Length < utf8.Length)
        {
            // Cut at a line break: it never falls inside a multi-byte character.
            var lastBreak = prefix.LastIndexOf((byte)'\n');
            if (lastBreak > 0)
            {
                prefix = prefix[..lastBreak];
            }
        }

        var lines = new List<string>(maxLines);
        // CR alone ends lines in files from old Macs; CsvHelper reads those too.
        foreach (var line in Encoding.UTF8.GetString(prefix).Split(['\r', '\n']))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add(line);
                if (lines.Count == maxLines)
                {
                    break;
                }
            }
        }

        return lines;
    }
}
