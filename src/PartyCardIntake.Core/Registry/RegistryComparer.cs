using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;

namespace PartyCardIntake.Core.Registry;

/// <summary>
/// Puts a party record beside the registry's citizen, field by field. The severities follow the
/// campaign's rules: diacritics in names matter, Unicode form, spacing and case do not; a year-only
/// date of birth is a warning; addresses are only ever warnings because the 2025 merger of provinces
/// and communes renamed most places.
/// </summary>
public static partial class RegistryComparer
{
    /// <summary>Reason of a field that agrees.</summary>
    public const string Same = "same";

    public const string NameDiacritics = "name.diacritics";
    public const string NameDifferent = "name.different";
    public const string DateOfBirthDifferent = "dob.different";
    public const string DateOfBirthYearOnly = "dob.year-only";
    public const string DateOfBirthYearDifferent = "dob.year-different";
    public const string DateOfBirthUnreadable = "dob.unreadable";
    public const string SexDifferent = "sex.different";
    public const string SexUnreadable = "sex.unreadable";
    public const string AddressPlaceRenamed = "address.place-renamed";
    public const string AddressDifferent = "address.different";
    public const string AddressMissing = "address.missing";

    private const string DisplayDate = "dd/MM/yyyy";

    // Longest phrases first so that "thành phố" is removed whole before "phố" could match alone.
    private static readonly string[][] AdministrativePhrases =
    [
        .. new[]
        {
            "tổ dân phố", "khu dân cư", "khu phố", "thành phố", "thị xã", "thị trấn", "đặc khu",
            "tỉnh", "huyện", "quận", "xã", "phường", "tp", "tx",
            "tổ", "khu", "xóm", "thôn", "ấp", "bản", "làng", "khóm",
            "số", "đường", "phố", "ngõ", "ngách", "hẻm", "kiệt",
        }
        .Select(p => p.Split(' '))
        .OrderByDescending(p => p.Length),
    ];

    public static RegistryComparison Compare(PartyRecord party, RegistryCitizen citizen)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(citizen);

        var fields = new List<FieldComparison>(4)
        {
            CompareName(party.FullName, citizen.FullName),
            CompareDateOfBirth(party, citizen.DateOfBirth),
            CompareSex(party.Sex, citizen.Sex),
        };

        if (!string.IsNullOrWhiteSpace(party.Address))
        {
            fields.Add(CompareAddress(party.Address, citizen.PermanentAddress));
        }

        return new RegistryComparison(fields);
    }

    private static FieldComparison CompareName(string partyName, string? registryName)
    {
        var party = VietnameseText.Normalize(partyName);
        var registry = VietnameseText.Normalize(registryName);

        // Registers in capitals ("NGUYỄN VĂN AN") are common; case carries no information in a name.
        var (severity, reason) =
            string.Equals(party.ToLowerInvariant(), registry.ToLowerInvariant(), StringComparison.Ordinal) ? (FieldSeverity.Same, Same)
            : party.Length > 0 && string.Equals(VietnameseText.Fold(party), VietnameseText.Fold(registry), StringComparison.Ordinal) ? (FieldSeverity.Mismatch, NameDiacritics)
            : (FieldSeverity.Mismatch, NameDifferent);

        return new FieldComparison(RegistryField.FullName, party, registry, severity, reason);
    }

    private static FieldComparison CompareDateOfBirth(PartyRecord party, string? registryValue)
    {
        var partyYear = party.BirthDate?.Year ?? party.BirthYear;
        var partyDisplay = party.BirthDate is { } partyDate
            ? partyDate.ToString(DisplayDate, CultureInfo.InvariantCulture)
            : partyYear.ToString(CultureInfo.InvariantCulture);

        if (!TryParseRegistryDate(registryValue, out var registryYear, out var registryDate))
        {
            return new FieldComparison(RegistryField.DateOfBirth, partyDisplay, VietnameseText.Normalize(registryValue), FieldSeverity.Warning, DateOfBirthUnreadable);
        }

        var registryDisplay = registryDate is { } date
            ? date.ToString(DisplayDate, CultureInfo.InvariantCulture)
            : registryYear.ToString(CultureInfo.InvariantCulture);

        var (severity, reason) = (party.BirthDate, registryDate) switch
        {
            ({ } p, { } r) when p == r => (FieldSeverity.Same, Same),
            ({ }, { }) => (FieldSeverity.Mismatch, DateOfBirthDifferent),
            _ when partyYear != registryYear => (FieldSeverity.Mismatch, DateOfBirthYearDifferent),

            // Both sides know only the year and agree on it: nothing more can be checked.
            (null, null) => (FieldSeverity.Same, Same),
            _ => (FieldSeverity.Warning, DateOfBirthYearOnly),
        };

        return new FieldComparison(RegistryField.DateOfBirth, partyDisplay, registryDisplay, severity, reason);
    }

    private static bool TryParseRegistryDate(string? value, out int year, out DateOnly? date)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var full))
        {
            year = full.Year;
            date = full;
            return true;
        }

        date = null;
        year = 0;
        return trimmed.Length == 4
            && trimmed.All(char.IsAsciiDigit)
            && int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && year >= 1900;
    }

    private static FieldComparison CompareSex(Sex partySex, string? registryValue)
    {
        var partyDisplay = SexLabel(partySex);
        var registrySex = ParseSex(registryValue);
        if (registrySex is null)
        {
            return new FieldComparison(RegistryField.Sex, partyDisplay, VietnameseText.Normalize(registryValue), FieldSeverity.Warning, SexUnreadable);
        }

        return registrySex == partySex
            ? new FieldComparison(RegistryField.Sex, partyDisplay, SexLabel(registrySex.Value), FieldSeverity.Same, Same)
            : new FieldComparison(RegistryField.Sex, partyDisplay, SexLabel(registrySex.Value), FieldSeverity.Mismatch, SexDifferent);
    }

    // Lower case with diacritics kept: "nữ" must not be confused with a stray "nu".
    private static Sex? ParseSex(string? value) => VietnameseText.Normalize(value).ToLowerInvariant() switch
    {
        "nam" or "male" => Sex.Male,
        "nữ" or "female" => Sex.Female,
        _ => null,
    };

    private static string SexLabel(Sex sex) => sex == Sex.Male ? "Nam" : "Nữ";

    private static FieldComparison CompareAddress(string partyAddress, string? registryAddress)
    {
        var partyDisplay = VietnameseText.Normalize(partyAddress);
        var registryDisplay = VietnameseText.Normalize(registryAddress);
        if (registryDisplay.Length == 0)
        {
            return new FieldComparison(RegistryField.Address, partyDisplay, registryDisplay, FieldSeverity.Warning, AddressMissing);
        }

        var party = AddressComponents(partyDisplay);
        var registry = AddressComponents(registryDisplay);
        if (party.SelectMany(c => c).SequenceEqual(registry.SelectMany(c => c), StringComparer.Ordinal))
        {
            return new FieldComparison(RegistryField.Address, partyDisplay, registryDisplay, FieldSeverity.Same, Same);
        }

        // The house or hamlet is the part the merger did not touch; if it agrees, the rest is most
        // likely the same place under its old or new commune and province names.
        var sameHouse = party.Count > 0 && registry.Count > 0
            && party[0].Count > 0
            && party[0].SequenceEqual(registry[0], StringComparer.Ordinal);

        return new FieldComparison(
            RegistryField.Address,
            partyDisplay,
            registryDisplay,
            FieldSeverity.Warning,
            sameHouse ? AddressPlaceRenamed : AddressDifferent);
    }

    /// <summary>Comma-separated components, each as folded words without administrative words.</summary>
    private static List<List<string>> AddressComponents(string address) =>
        address.ToLowerInvariant()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(AddressWords)
            .ToList();

    private static List<string> AddressWords(string component)
    {
        var words = Words(DottedAbbreviation().Replace(component, " "));
        var kept = new List<string>(words.Count);
        var i = 0;
        while (i < words.Count)
        {
            var matched = MatchAdministrativePhrase(words, i);
            if (matched > 0)
            {
                i += matched;
                continue;
            }

            var folded = VietnameseText.Fold(words[i]);

            // "Tổ 03" and "Tổ 3" are the same group.
            if (folded.All(char.IsAsciiDigit))
            {
                folded = folded.TrimStart('0') is { Length: > 0 } digits ? digits : "0";
            }

            kept.Add(folded);
            i++;
        }

        return kept;
    }

    private static int MatchAdministrativePhrase(List<string> words, int start)
    {
        foreach (var phrase in AdministrativePhrases)
        {
            if (start + phrase.Length > words.Count)
            {
                continue;
            }

            var all = true;
            for (var k = 0; k < phrase.Length && all; k++)
            {
                all = IsAdministrativeWord(words[start + k], phrase[k]);
            }

            if (all)
            {
                return phrase.Length;
            }
        }

        return 0;
    }

    // Matched with diacritics so that "Phương" in "Xã Phương Thịnh" is not taken for "phường";
    // a word typed without any diacritics can only be compared folded.
    private static bool IsAdministrativeWord(string word, string administrative) =>
        string.Equals(word, administrative, StringComparison.Ordinal)
        || (Ascii.IsValid(word) && string.Equals(word, VietnameseText.Fold(administrative), StringComparison.Ordinal));

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                current.Append(ch);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>"TP. Huế", "P. 5", "Q. 1", "H. Mê Linh", "X. Tân Lạc", "TX. Phú Thọ", "TT. Hưng Hóa".</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(tp|tx|tt|p|q|h|x)\.", RegexOptions.CultureInvariant)]
    private static partial Regex DottedAbbreviation();
}
