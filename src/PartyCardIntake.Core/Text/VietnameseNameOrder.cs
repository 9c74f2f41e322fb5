using System.Text;

namespace PartyCardIntake.Core.Text;

/// <summary>
/// Orders people's names the Vietnamese way: by given name (the last word), then by the family and middle
/// names, each word letter by letter in the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s
/// t u ư v x y) and then by its tone (none, huyền, hỏi, ngã, sắc, nặng). Case, Unicode form and spacing do
/// not count.
/// </summary>
/// <remarks>
/// The rules are written out rather than taken from the vi-VN culture so that the order does not depend on
/// the ICU build of the host (or fall back to code-point order when globalization is invariant). The tone is
/// compared per word, as dictionaries order syllables (every "ba …" before "bà …"); ICU's vi collation compares
/// tones over the whole string after all letters, which agrees for a given name but not always for the rest.
/// </remarks>
public sealed class VietnameseNameOrder : IComparer<string?>
{
    public static VietnameseNameOrder Instance { get; } = new();

    private VietnameseNameOrder()
    {
    }

    public int Compare(string? x, string? y) =>
        string.CompareOrdinal(Key(x), Key(y));

    /// <summary>
    /// A key whose ordinal order is this order. It holds only ASCII lower-case letters, digits and spaces, so
    /// that a database orders it the same way under a binary collation or a common linguistic one.
    /// </summary>
    /// <remarks>
    /// Each letter is its base letter followed by a variant digit (ă = "a1", â = "a2", đ = "d1"), so that "ă"
    /// sorts after "a" followed by anything; each word ends with its tone digit, which sorts below every
    /// letter and so also puts "An" before "Anh".
    /// </remarks>
    public static string Key(string? fullName)
    {
        var normalized = VietnameseText.Normalize(fullName);
        if (normalized.Length == 0)
        {
            return string.Empty;
        }

        var words = normalized.ToLowerInvariant().Split(' ');
        var builder = new StringBuilder(normalized.Length * 2 + (words.Length * 2));
        AppendWord(builder, words[^1]);
        for (var i = 0; i < words.Length - 1; i++)
        {
            builder.Append(' ');
            AppendWord(builder, words[i]);
        }

        return builder.ToString();
    }

    private static void AppendWord(StringBuilder builder, string word)
    {
        var tones = new StringBuilder(1);
        var pendingBase = '\0';
        var pendingVariant = 0;
        foreach (var ch in word.Normalize(NormalizationForm.FormD))
        {
            if (Tone(ch) is var tone and > 0)
            {
                tones.Append((char)('0' + tone));
                continue;
            }

            if (pendingBase != '\0' && Variant(pendingBase, ch) is var variant and > 0)
            {
                pendingVariant = variant;
                continue;
            }

            // Apostrophes and hyphens ("H'Hen", "Ka-Sô") and stray marks do not take part in the order.
            if (!char.IsLetter(ch))
            {
                continue;
            }

            Flush(builder, pendingBase, pendingVariant);
            (pendingBase, pendingVariant) = ch == 'đ' ? ('d', 1) : (ch, 0);
        }

        Flush(builder, pendingBase, pendingVariant);
        builder.Append(tones.Length == 0 ? "0" : tones.ToString());
    }

    private static void Flush(StringBuilder builder, char letter, int variant)
    {
        if (letter != '\0')
        {
            builder.Append(letter).Append((char)('0' + variant));
        }
    }

    /// <summary>Huyền, hỏi, ngã, sắc, nặng: the order of Vietnamese dictionaries.</summary>
    private static int Tone(char mark) => mark switch
    {
        '\u0300' => 1,
        '\u0309' => 2,
        '\u0303' => 3,
        '\u0301' => 4,
        '\u0323' => 5,
        _ => 0,
    };

    /// <summary>The letters that the alphabet counts apart: ă â ê ô ơ ư (đ is a letter of its own in Unicode).</summary>
    private static int Variant(char letter, char mark) => (letter, mark) switch
    {
        ('a', '\u0306') => 1,
        ('a', '\u0302') => 2,
        ('e', '\u0302') => 1,
        ('o', '\u0302') => 1,
        ('o', '\u031B') => 2,
        ('u', '\u031B') => 1,
        _ => 0,
    };
}
