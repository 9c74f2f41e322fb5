using System.Globalization;
using CsvHelper;

namespace PartyCardIntake.Infrastructure.Export;

/// <summary>
/// CSV for people who open it in Excel on Windows with the Vietnamese regional format (list separator ";",
/// decimal comma, dates dd/MM/yyyy): Excel splits a double-clicked CSV on the regional list separator and reads
/// numbers and dates with the regional formats, so the file is written in those. Why not RFC 4180 commas or a
/// "sep=" line: docs/reports.md, "CSV and Excel".
/// </summary>
public static class CsvTables
{
    /// <summary>
    /// UTF-8 with a byte order mark, without which Excel reads the file in the ANSI code page and mangles
    /// Vietnamese; a cell that starts with = + - @ (a formula to Excel) gets an apostrophe in front, so that a
    /// name typed by a user can never run as one.
    /// </summary>
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        Separator = ';',
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// Rows that may differ in length (a summary, then a table); short rows are padded with empty fields to the
    /// longest, since RFC 4180 wants every record the same width. A cell is text (a string), a whole number (int),
    /// a decimal (double, one decimal after a comma: "80,5"), a date (DateOnly, dd/MM/yyyy), or empty (null).
    /// Numbers and dates are written as such, so a negative number is not taken for a formula and escaped.
    /// </summary>
    public static byte[] Write(IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var records = rows.ToList();
        var width = records.Count == 0 ? 0 : records.Max(r => r.Count);
        using var output = new MemoryStream();
        using (var writer = CsvWriter.Create(output, Options, leaveOpen: true))
        {
            foreach (var row in records)
            {
                for (var i = 0; i < width; i++)
                {
                    Field(writer, i < row.Count ? row[i] : null);
                }

                writer.EndRecord();
            }
        }

        return output.ToArray();
    }

    private static void Field(CsvWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteField((string?)null);
                break;
            case int number:
                writer.WriteField(number, default, CultureInfo.InvariantCulture);
                break;
            case double number:
                writer.WriteField(number, "0.0", Vietnamese);
                break;
            case DateOnly date:
                writer.WriteField(date, "dd'/'MM'/'yyyy");
                break;
            default:
                writer.WriteField(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>
    /// Digits that must stay text (ID, card and phone numbers): Excel would read "025085004321" as the number
    /// 25085004321. A formula that yields the text keeps every zero; Excel saves its value, not the formula, when
    /// the file is saved as CSV again. Only for a writer without injection escaping, which would escape it.
    /// </summary>
    public static string Text(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (!digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Only ASCII digits are kept as text this way.", nameof(digits));
        }

        return digits.Length == 0 ? digits : $"=\"{digits}\"";
    }
}
