using System.Text;

namespace PartyCardIntake.MockRegistry;

/// <summary>Ways in which the registry's record of a person differs from the party's.</summary>
public enum Discrepancy
{
    None,

    /// <summary>One diacritic differs ("Nguyễn" / "Nguyển"): a real mismatch.</summary>
    NameDiacritic,

    /// <summary>The same name in decomposed Unicode: equal to a careful comparison.</summary>
    NfdName,

    /// <summary>Another day of birth in the same year: a mismatch.</summary>
    BirthDateDiffers,

    /// <summary>The registry knows only the year: a warning.</summary>
    YearOnly,

    /// <summary>The address uses place names from before the 2025 merger: a warning.</summary>
    PlaceRenamed,

    /// <summary>The registry does not know the ID number.</summary>
    Unknown,
}

internal static class DiscrepancyRules
{
    private static readonly Discrepancy[] Kinds =
        [Discrepancy.NameDiacritic, Discrepancy.NfdName, Discrepancy.BirthDateDiffers, Discrepancy.YearOnly, Discrepancy.PlaceRenamed, Discrepancy.Unknown];

    // Combining tone marks of Vietnamese: grave, acute, tilde, hook above, dot below.
    private static readonly char[] ToneMarks = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

    /// <summary>Deterministic per person, so that a re-check gives the same answer.</summary>
    public static Discrepancy For(string idNumber, int seed, double share)
    {
        var roll = StableFraction(idNumber, seed);
        if (roll >= share || share <= 0)
        {
            return Discrepancy.None;
        }

        return Kinds[Math.Min(Kinds.Length - 1, (int)(roll / share * Kinds.Length))];
    }

    /// <summary>Changes one tone mark, or adds one when the name has none.</summary>
    public static string ChangeOneDiacritic(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD).ToCharArray();
        for (var i = decomposed.Length - 1; i >= 0; i--)
        {
            var index = Array.IndexOf(ToneMarks, decomposed[i]);
            if (index >= 0)
            {
                decomposed[i] = ToneMarks[(index + 1) % ToneMarks.Length];
                return new string(decomposed).Normalize(NormalizationForm.FormC);
            }
        }

        var lastVowel = name.LastIndexOfAny(['a', 'e', 'i', 'o', 'u', 'y']);
        return lastVowel < 0 ? name + "\u0309" : name.Insert(lastVowel + 1, "\u0309").Normalize(NormalizationForm.FormC);
    }

    /// <summary>Pre-merger wording of a demo address: the old district and province.</summary>
    public static string OldPlaceNames(string address, string commune) =>
        address.Replace(commune, $"{commune.Replace("Phường", "Thị trấn", StringComparison.Ordinal)}, Huyện Kỳ Sơn, Tỉnh Hòa Bình", StringComparison.Ordinal);

    private static double StableFraction(string idNumber, int seed)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u ^ (uint)seed;
        foreach (var ch in idNumber)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        hash ^= hash >> 13;
        hash *= 0x5bd1e995;
        hash ^= hash >> 15;
        return hash / (double)uint.MaxValue;
    }
}
