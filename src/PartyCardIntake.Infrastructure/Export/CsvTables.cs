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
    /// Rows of text that may differ in length (a summary, then a table). Short rows are padded with empty fields
    /// to the longest, since RFC 4180 wants every record the same width.
    /// </summary>
    public static byte[] Write(IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var records = rows.ToList();
        var width = records.Count == 0 ? 0 : records.Max(r => r.Count);
        using var output = new MemoryStream();
        using (var writer = CsvWriter.Create(output, Options, leaveOpen: true))
        {
            foreach (var row in records)
            {
                writer.WriteRecord([.. row, .. Enumerable.Repeat(string.Empty, width - row.Count)]);
            }
        }

        return output.ToArray();
    }

    /// <summary>A whole number as Excel reads it: plain digits, no thousands separator.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal number with a decimal comma, e.g. "80,5" for <c>Number(80.5, "0.0")</c>.</summary>
    public static string Number(double value, string format) => value.ToString(format, Vietnamese);

    /// <summary>A date as the Vietnamese regional format writes it, which Excel reads as a date.</summary>
    public static string Date(DateOnly value) => value.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

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
