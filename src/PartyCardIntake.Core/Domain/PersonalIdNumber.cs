namespace PartyCardIntake.Core.Domain;

public enum IdNumberError
{
    Empty,
    WrongLength,
    NotDigits,
    UnicodeDigits,
    UnknownProvince,
    UnsupportedCentury,
    SexMismatch,
    BirthYearMismatch,
}

/// <summary>
/// Personal ID number (số định danh cá nhân): 12 ASCII digits. Digits 1–3 are the province of
/// birth registration, digit 4 encodes century and sex, digits 5–6 the last two digits of the
/// birth year, digits 7–12 a serial.
/// </summary>
public sealed record PersonalIdNumber
{
    public const int Length = 12;

    private PersonalIdNumber(string value) => Value = value;

    public string Value { get; }

    public string ProvinceCode => Value[..3];

    public Sex Sex => (Value[3] - '0') % 2 == 0 ? Sex.Male : Sex.Female;

    public int BirthYear => 1900 + ((Value[3] - '0') / 2 * 100) + int.Parse(Value.AsSpan(4, 2), provider: null);

    public static PersonalIdNumber Parse(string? input) =>
        TryParse(input, out var id, out var error)
            ? id
            : throw new FormatException($"Invalid personal ID number: {error}.");

    /// <summary>
    /// Structural check only. Surrounding whitespace is forgiven (copy and paste); anything but the
    /// ASCII digits 0–9 is not, so full-width or Arabic-Indic digits are refused rather than converted.
    /// </summary>
    public static bool TryParse(string? input, out PersonalIdNumber id, out IdNumberError? error)
    {
        id = null!;
        var trimmed = input?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = IdNumberError.Empty;
            return false;
        }

        foreach (var ch in trimmed)
        {
            if (!char.IsAsciiDigit(ch))
            {
                error = char.IsDigit(ch) ? IdNumberError.UnicodeDigits : IdNumberError.NotDigits;
                return false;
            }
        }

        if (trimmed.Length != Length)
        {
            error = IdNumberError.WrongLength;
            return false;
        }

        if (!BirthProvinceCodes.IsKnown(trimmed[..3]))
        {
            error = IdNumberError.UnknownProvince;
            return false;
        }

        // 0–3 cover births 1900–2099, everyone who can be a party member today.
        if (trimmed[3] > '3')
        {
            error = IdNumberError.UnsupportedCentury;
            return false;
        }

        id = new PersonalIdNumber(trimmed);
        error = null;
        return true;
    }

    /// <summary>Checks the sex and birth-year digits against the person's own record.</summary>
    public IdNumberError? CheckConsistency(Sex sex, int birthYear)
    {
        if (Sex != sex)
        {
            return IdNumberError.SexMismatch;
        }

        return BirthYear != birthYear ? IdNumberError.BirthYearMismatch : null;
    }

    /// <summary>Builds a number from its parts; used by the demo data and tests.</summary>
    public static PersonalIdNumber Create(string provinceCode, Sex sex, int birthYear, int serial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(birthYear, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(birthYear, 2099);
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 999_999);
        var centurySex = ((birthYear - 1900) / 100 * 2) + (sex == Sex.Female ? 1 : 0);
        return Parse($"{provinceCode}{centurySex}{birthYear % 100:D2}{serial:D6}");
    }

    /// <summary>Masked form for logs and lists where the whole number is not needed.</summary>
    public string Masked => $"{Value[..3]}******{Value[9..]}";

    public override string ToString() => Value;
}
