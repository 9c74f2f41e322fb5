using PartyCardIntake.Core.Text;

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

    /// <summary>A person's name (<see cref="TextRules.IsPersonName"/>).</summary>
    public static bool IsValidName(string? name) => TextRules.IsPersonName(name);

    /// <summary>Free text such as a cell name or an address (<see cref="TextRules.IsPlain"/>).</summary>
    public static bool IsPlainText(string? text) => TextRules.IsPlain(text);

    /// <summary>A Vietnamese number in domestic digits (<see cref="VietnamesePhone.IsDomestic"/>).</summary>
    public static bool IsVietnamesePhone(string? digits) => VietnamesePhone.IsDomestic(digits);
}
