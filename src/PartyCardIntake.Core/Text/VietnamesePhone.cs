namespace PartyCardIntake.Core.Text;

/// <summary>
/// Vietnamese phone numbers as people type them ("0912 345 678", "+84 912.345.678", "(0203) 3855 123") brought to the
/// domestic digits every list and message uses.
/// </summary>
public static class VietnamesePhone
{
    /// <summary>
    /// A mobile number of 10 digits starting 03, 05, 07, 08 or 09, or a fixed line of 11 digits starting 02
    /// (area code 02xx then 7 digits), in ASCII digits only.
    /// </summary>
    public static bool IsDomestic(string? digits) =>
        digits is not null && digits.All(char.IsAsciiDigit) && digits switch
        {
            { Length: 10 } when digits[0] == '0' && digits[1] is '3' or '5' or '7' or '8' or '9' => true,
            { Length: 11 } when digits.StartsWith("02", StringComparison.Ordinal) => true,
            _ => false,
        };

    /// <summary>
    /// The domestic digits of a typed number, or null when it is not a Vietnamese number. Spaces, dots, dashes and
    /// brackets are dropped, +84 becomes 0, and a mobile number typed without its leading zero gets it back. Digits
    /// of other scripts ("０９…") are not digits here.
    /// </summary>
    public static string? Digits(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        var compact = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (!char.IsWhiteSpace(ch) && ch is not ('.' or '-' or '(' or ')'))
            {
                compact.Append(ch);
            }
        }

        var digits = compact.ToString();
        if (digits.StartsWith("+84", StringComparison.Ordinal))
        {
            var national = digits[3..];
            digits = national.StartsWith('0') ? national : "0" + national;
        }

        if (digits.Length == 9 && digits[0] is '3' or '5' or '7' or '8' or '9')
        {
            digits = "0" + digits;
        }

        return IsDomestic(digits) ? digits : null;
    }
}
