using System.Security.Cryptography;
using System.Text;

namespace PartyCardIntake.Core.Field;

/// <summary>
/// The passphrase of a kit: made by the station, shown once to the lead and the visiting officer, typed on the laptop.
/// 20 characters from an alphabet without look-alikes (no 0/O, 1/I/L), in groups of four: about 98 bits.
/// </summary>
public static class FieldPassphrase
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public const int Length = 20;

    public static string Generate()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Join('-', Enumerable.Range(0, Length / 4).Select(g => new string(chars, g * 4, 4)));
    }

    /// <summary>
    /// What is derived from: the typed text without spaces and dashes, in upper case, NFC. So "k7qm 3xrt…" typed on a
    /// phone keyboard opens the same kit as "K7QM-3XRT-…". A passphrase chosen by a person goes through the same rule.
    /// </summary>
    public static string Normalize(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var builder = new StringBuilder(typed.Length);
        foreach (var c in typed.Normalize(NormalizationForm.FormC))
        {
            if (c is '-' or '–' || char.IsWhiteSpace(c))
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }
}
