using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartyCardIntake.Tests.Shared;

/// <summary>Windows' regional settings that decide how Excel opens a CSV.</summary>
public sealed record ExcelRegion(char ListSeparator, char DecimalMark, string[] DateFormats)
{
    /// <summary>Windows' "Vietnamese (Vietnam)" format (the list separator is Windows' own, not the ICU culture's).</summary>
    public static ExcelRegion Vietnamese { get; } = new(';', ',', ["dd/MM/yyyy", "d/M/yyyy"]);
}

/// <summary>
/// A CSV file as Excel on Windows shows it when the file is double-clicked, under a given regional format
/// (<see cref="ExcelRegion.Vietnamese"/> by default: list separator ";", decimal comma, dates dd/MM/yyyy). Written from how Excel
/// behaves, independently of the CSV library that writes the files:
/// <list type="bullet">
/// <item>a UTF-8 byte order mark makes it read UTF-8; without one it reads the ANSI code page. A first line
/// "sep=X" sets the separator and is hidden, but then the byte order mark is not honoured;</item>
/// <item>fields are split on the regional list separator (or X), with RFC 4180 quotes;</item>
/// <item>each field is then typed as if it had been typed into the cell: a formula when it starts with
/// = + - @ (only ="text" is evaluated here), a number or a date when the regional format reads it as one
/// (so "025085004321" becomes 25085004321), else text. A leading apostrophe is kept and makes it text.</item>
/// </list>
/// A cell is a string, a double, a DateTime, an <see cref="ExcelFormula"/>, or null when empty.
/// </summary>
public sealed partial class ExcelCsv
{
    private ExcelCsv(IReadOnlyList<object?[]> rows, bool utf8) => (Rows, Utf8) = (rows, utf8);

    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>Whether Excel decoded the file as UTF-8 (else as the ANSI code page, mangling Vietnamese).</summary>
    public bool Utf8 { get; }

    public static ExcelCsv Open(byte[] file, ExcelRegion? region = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        region ??= ExcelRegion.Vietnamese;
        var bom = file.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var body = bom ? file.AsSpan(3) : file.AsSpan();
        var separator = region.ListSeparator;
        var utf8 = bom;
        if (body.StartsWith("sep="u8) && body.Length > 4)
        {
            separator = (char)body[4];
            var end = body.IndexOf((byte)'\n');
            body = end < 0 ? [] : body[(end + 1)..];
            utf8 = false;
        }

        // Latin-1 stands in for the ANSI code page: either way, UTF-8's multi-byte letters come out as pairs of wrong ones.
        var text = utf8 ? Encoding.UTF8.GetString(body) : Encoding.Latin1.GetString(body);
        return new ExcelCsv(Split(text, separator).Select(row => row.Select(field => Type(field, region)).ToArray()).ToList(), utf8);
    }

    /// <summary>The row whose first cell is the text <paramref name="first"/>.</summary>
    public object?[] Row(string first) =>
        Rows.SingleOrDefault(r => r.Length > 0 && r[0] is string s && s == first) ?? throw new InvalidOperationException($"No row starting with '{first}'.");

    private static List<List<string>> Split(string text, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == separator)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    private static object? Type(string field, ExcelRegion region)
    {
        if (field.Length == 0)
        {
            return null;
        }

        if (field[0] is '=' or '+' or '-' or '@')
        {
            if (TextFormula().Match(field) is { Success: true } text)
            {
                return text.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            // A plain negative number is a number, not a formula.
            if (field[0] == '-' && Number(field, region) is { } negative)
            {
                return negative;
            }

            return new ExcelFormula(field);
        }

        if (Number(field, region) is { } number)
        {
            return number;
        }

        if (DateTime.TryParseExact(field, region.DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return field;
    }

    /// <summary>Digits, with at most the regional decimal mark once: "80,5" in Vietnamese, "80.5" in English.</summary>
    private static double? Number(string field, ExcelRegion region)
    {
        var mark = Regex.Escape(region.DecimalMark.ToString());
        return Regex.IsMatch(field, $"^-?[0-9]+({mark}[0-9]+)?$")
            && double.TryParse(field.Replace(region.DecimalMark, '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    [GeneratedRegex("^=\"((?:[^\"]|\"\")*)\"$")]
    private static partial Regex TextFormula();
}

/// <summary>A cell that Excel would run as a formula.</summary>
public sealed record ExcelFormula(string Text);
