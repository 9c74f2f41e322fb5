using System.Text.RegularExpressions;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>Finds what a strict Content-Security-Policy would block in a page: inline scripts, style attributes, event handlers.</summary>
internal static partial class HtmlInline
{
    public static IReadOnlyList<string> Violations(string html)
    {
        var found = new List<string>();
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups[1].Value.ToLowerInvariant();
            var attributes = Attribute().Matches(tag.Groups[2].Value)
                .ToDictionary(a => a.Groups[1].Value.ToLowerInvariant(), a => a.Groups[3].Value.Trim('"', '\''), StringComparer.Ordinal);
            if (name == "script" && !attributes.ContainsKey("src")
                && !(attributes.TryGetValue("type", out var type) && type == "application/json"))
            {
                found.Add(tag.Value);
            }

            if (name == "style")
            {
                found.Add(tag.Value);
            }

            if (attributes.Keys.Any(a => a == "style" || (a.StartsWith("on", StringComparison.Ordinal) && a.Length > 2)))
            {
                found.Add(tag.Value);
            }
        }

        return found;
    }

    [GeneratedRegex(@"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s>]+))?)*)\s*/?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"([^\s=>/]+)(\s*=\s*(""[^""]*""|'[^']*'|[^\s>]+))?")]
    private static partial Regex Attribute();
}
