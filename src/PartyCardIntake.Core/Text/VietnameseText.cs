using System.Globalization;
using System.Text;

namespace PartyCardIntake.Core.Text;

/// <summary>
/// Normalisation rules for Vietnamese names: sources disagree on Unicode form and spacing,
/// but never on diacritics, so only the former are erased before comparing.
/// </summary>
public static class VietnameseText
{
    /// <summary>NFC, trimmed, inner whitespace collapsed to one space.</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var nfc = value.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(nfc.Length);
        var pendingSpace = false;
        foreach (var ch in nfc)
        {
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Lower case without diacritics ("Nguyễn Văn Đức" → "nguyen van duc") so that officers
    /// can search on keyboards without a Vietnamese input method.
    /// </summary>
    public static string Fold(string? value)
    {
        var normalized = Normalize(value);
        if (normalized.Length == 0)
        {
            return normalized;
        }

        var decomposed = normalized.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(ch switch
            {
                'Đ' or 'đ' => 'd',
                _ => char.ToLowerInvariant(ch),
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Equal after NFC and whitespace normalisation; diacritics and case still count.</summary>
    public static bool NamesEqual(string? left, string? right) =>
        string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);

    /// <summary>The given name: the last word of a Vietnamese full name.</summary>
    public static string GivenName(string? fullName)
    {
        var normalized = Normalize(fullName);
        var lastSpace = normalized.LastIndexOf(' ');
        return lastSpace < 0 ? normalized : normalized[(lastSpace + 1)..];
    }

    /// <summary>
    /// Key that orders a list the Vietnamese way: by given name, then by the rest of the name.
    /// Folded so that the database can order it with a plain binary collation.
    /// </summary>
    public static string SortKey(string? fullName)
    {
        var normalized = Normalize(fullName);
        var lastSpace = normalized.LastIndexOf(' ');
        if (lastSpace < 0)
        {
            return Fold(normalized);
        }

        return Fold(normalized[(lastSpace + 1)..]) + " " + Fold(normalized[..lastSpace]);
    }
}
