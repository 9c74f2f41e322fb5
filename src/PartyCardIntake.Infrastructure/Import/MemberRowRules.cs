namespace PartyCardIntake.Infrastructure.Import;

/// <summary>
/// The text rules a member row must keep, pure and shared: the file reader (<see cref="MemberRowValidator"/>) applies
/// them cell by cell, and the web app's FluentValidation validator of a checked row applies them again before a row
/// is kept for commit.
/// </summary>
public static class MemberRowRules
{
    public const int MaxNameLength = 200;
    public const int MaxCellLength = 200;
    public const int MaxCardLength = 30;
    public const int MaxPhoneLength = 11;
    public const int MaxAddressLength = 500;

    /// <summary>Characters that start markup or a script in a page or a spreadsheet formula; no name, cell or address needs them.</summary>
    private static readonly char[] Markup = ['<', '>'];

    /// <summary>A person's name: at least one letter, no markup characters, no control characters.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Any(char.IsLetter) && IsPlainText(name);

    /// <summary>Free text (cell name, address): no markup and no control characters.</summary>
    public static bool IsPlainText(string? text) =>
        text is null || (text.IndexOfAny(Markup) < 0 && !text.Any(char.IsControl));

    /// <summary>
    /// A Vietnamese number in domestic digits: a mobile number of 10 digits starting 03, 05, 07, 08 or 09, or a fixed
    /// line of 11 digits starting 02 (area code 02xx then 7 digits).
    /// </summary>
    public static bool IsVietnamesePhone(string? digits) =>
        digits is not null && digits.All(char.IsAsciiDigit) && digits switch
        {
            { Length: 10 } when digits[0] == '0' && digits[1] is '3' or '5' or '7' or '8' or '9' => true,
            { Length: 11 } when digits.StartsWith("02", StringComparison.Ordinal) => true,
            _ => false,
        };
}
