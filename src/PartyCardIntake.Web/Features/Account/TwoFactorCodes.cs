using System.Text;

namespace PartyCardIntake.Web.Features.Account;

/// <summary>What people type for a code: spaces and dashes are dropped, letters made upper case.</summary>
internal static class TwoFactorCodes
{
    public static string Normalize(string? code)
    {
        var builder = new StringBuilder();
        foreach (var c in code ?? string.Empty)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Six digits from the authenticator app, as opposed to a recovery code.</summary>
    public static bool IsAuthenticatorCode(string normalized) => normalized.Length == 6 && normalized.All(char.IsAsciiDigit);

    /// <summary>Identity's recovery codes read "XXXXX-XXXXX"; the dash may have been left out.</summary>
    public static string RecoveryCode(string normalized) =>
        normalized.Length == 10 ? string.Concat(normalized.AsSpan(0, 5), "-", normalized.AsSpan(5)) : normalized;

    /// <summary>The shared key in groups of four, as authenticator apps show it.</summary>
    public static string Grouped(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            builder.Append(builder.Length > 0 ? " " : string.Empty).Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return builder.ToString();
    }
}
