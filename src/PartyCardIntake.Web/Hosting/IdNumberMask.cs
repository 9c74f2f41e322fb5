using System.Text.RegularExpressions;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// Masks every run of exactly 12 digits, the length of a citizen ID number, wherever it stands in free text
/// (a request path, a registry URL): "/v1/citizens/025055000123" → "/v1/citizens/025******123".
/// </summary>
internal static partial class IdNumberMask
{
    [GeneratedRegex("(?<![0-9])([0-9]{3})[0-9]{6}([0-9]{3})(?![0-9])")]
    private static partial Regex Pattern();

    public static string Apply(string? text) =>
        text is null ? string.Empty : Pattern().Replace(text, "$1******$2");
}
