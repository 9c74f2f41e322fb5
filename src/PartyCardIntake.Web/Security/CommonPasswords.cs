using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PartyCardIntake.Web.Security;

/// <summary>
/// Passwords too common to accept: the zxcvbn-ts list (49,233 entries, from npm, MIT) and a short Vietnamese one,
/// both embedded in this assembly and read once, on first use. Comparison ignores case, diacritics and separators,
/// and sees through digits or symbols added around a common word, a word said twice, and keyboard-free sequences.
/// </summary>
public sealed class CommonPasswords
{
    public const string ListResource = "PartyCardIntake.Web.CommonPasswords.json";
    public const string VietnameseResource = "PartyCardIntake.Web.CommonPasswords.vi.txt";

    // Only the start of a very long password is examined: the padding rules below are quadratic at worst.
    private const int Examined = 64;

    private readonly Lazy<HashSet<string>> _entries;

    public CommonPasswords() => _entries = new Lazy<HashSet<string>>(Load);

    /// <summary>For tests: a list of one's own instead of the embedded ones.</summary>
    internal CommonPasswords(IEnumerable<string> entries) =>
        _entries = new Lazy<HashSet<string>>(() => entries.Select(Squash).Where(e => e.Length > 0).ToHashSet(StringComparer.Ordinal));

    public int Count => _entries.Value.Count;

    public bool IsCommon(string? password)
    {
        if (string.IsNullOrWhiteSpace(password))
        {
            return true;
        }

        var squashed = Squash(password);
        return IsCommonForm(squashed.Length > Examined ? squashed[..Examined] : squashed);
    }

    /// <summary>Trimmed, NFC, lower case, without diacritics (đ as d): "Mật Khẩu" and "mat khau" are one password here.</summary>
    public static string Fold(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var decomposed = value.Trim().Normalize(NormalizationForm.FormD).ToLowerInvariant();
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c == 'đ' ? 'd' : c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary><see cref="Fold"/>, then without spaces, dots, dashes and underscores.</summary>
    public static string Squash(string value)
    {
        var folded = Fold(value);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!IsSeparator(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private bool IsCommonForm(string value)
    {
        if (Has(value) || IsSequence(value) || IsRepeat(value))
        {
            return true;
        }

        // A common word with digits or symbols before or after it: "password1234", "2025matkhau", "123456789000".
        for (var i = 1; i < value.Length; i++)
        {
            var head = value[..i];
            var tail = value[i..];
            if ((Has(head) && !tail.Any(char.IsLetter)) || (Has(tail) && !head.Any(char.IsLetter)))
            {
                return true;
            }
        }

        // Padding on both sides: "!!password2025".
        var core = Unpad(value, string.Empty);
        if (core.Length > 0 && core != value && (Has(core) || IsRepeat(core)))
        {
            return true;
        }

        // The usual digit-for-letter swaps: "p@ssw0rd2025", "$hadow99".
        var leet = Unpad(value, "@$");
        return leet.Length > 0 && (Has(Unleet(leet, 'i')) || Has(Unleet(leet, 'l')));
    }

    private bool Has(string value) => value.Length > 0 && _entries.Value.Contains(value);

    /// <summary>One short or common unit said again and again: "abcabcabcabc", "passwordpassword", "aaaaaaaaaaaa".</summary>
    private bool IsRepeat(string value)
    {
        for (var period = 1; period <= value.Length / 2; period++)
        {
            var repeats = true;
            for (var i = period; i < value.Length && repeats; i++)
            {
                repeats = value[i] == value[i % period];
            }

            if (repeats)
            {
                return period <= 4 || Has(value[..period]);
            }
        }

        return false;
    }

    /// <summary>Each character one after or one before the last: "123456789012", "abcdefghijkl", "987654321098".</summary>
    private static bool IsSequence(string value)
    {
        if (value.Length < 4)
        {
            return false;
        }

        foreach (var step in new[] { 1, -1 })
        {
            var sequence = true;
            for (var i = 1; i < value.Length && sequence; i++)
            {
                var (previous, current) = (value[i - 1], value[i]);
                sequence = char.IsAsciiDigit(previous) && char.IsAsciiDigit(current)
                    ? (previous - '0' + step + 10) % 10 == current - '0'
                    : char.IsAsciiLetter(previous) && char.IsAsciiLetter(current) && current == previous + step;
            }

            if (sequence)
            {
                return true;
            }
        }

        return false;
    }

    private static string Unleet(string value, char one) => string.Create(value.Length, (value, one), static (span, state) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = state.value[i] switch
            {
                '0' => 'o',
                '1' or '!' => state.one,
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                var c => c,
            };
        }
    });

    /// <summary>Without the digits and symbols at either end, except <paramref name="kept"/>.</summary>
    private static string Unpad(string value, string kept)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && !char.IsLetter(value[start]) && !kept.Contains(value[start], StringComparison.Ordinal))
        {
            start++;
        }

        while (end > start && !char.IsLetter(value[end - 1]) && !kept.Contains(value[end - 1], StringComparison.Ordinal))
        {
            end--;
        }

        return value[start..end];
    }

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '.' or '-' or '_';

    private static HashSet<string> Load()
    {
        var assembly = typeof(CommonPasswords).Assembly;
        var entries = new HashSet<string>(StringComparer.Ordinal);
        using (var json = Open(assembly, ListResource))
        {
            foreach (var entry in JsonSerializer.Deserialize<string[]>(json) ?? [])
            {
                Add(entries, entry);
            }
        }

        using var text = new StreamReader(Open(assembly, VietnameseResource), Encoding.UTF8);
        while (text.ReadLine() is { } line)
        {
            if (!line.StartsWith('#'))
            {
                Add(entries, line);
            }
        }

        return entries;
    }

    private static void Add(HashSet<string> entries, string entry)
    {
        var squashed = Squash(entry);
        if (squashed.Length > 0)
        {
            entries.Add(squashed);
        }
    }

    private static Stream Open(System.Reflection.Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The resource {name} is missing from {assembly.GetName().Name}; the build embeds it from node_modules (npm ci).");
}
