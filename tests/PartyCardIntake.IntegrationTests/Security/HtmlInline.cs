using System.Text.RegularExpressions;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>
/// Finds what the page's Content-Security-Policy would block: inline scripts, event handlers, and inline styles
/// unless the policy allows them (style elements by hash or by <c>style-src-elem 'unsafe-inline'</c>, attributes by
/// <c>style-src-attr 'unsafe-inline'</c>, both for MudBlazor). Without a policy, every inline style counts.
/// </summary>
internal static partial class HtmlInline
{
    public static IReadOnlyList<string> Violations(string html, string? contentSecurityPolicy = null)
    {
        var found = new List<string>();
        var policy = contentSecurityPolicy ?? string.Empty;
        var styleAttributesAllowed = policy.Contains("style-src-attr 'unsafe-inline'", StringComparison.Ordinal);
        var styleElementsAllowed = policy.Contains("style-src-elem 'self' 'unsafe-inline'", StringComparison.Ordinal);
        foreach (Match element in StyleElement().Matches(styleElementsAllowed ? string.Empty : html))
        {
            var hash = "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(element.Groups[1].Value))) + "'";
            if (!policy.Contains(hash, StringComparison.Ordinal))
            {
                found.Add(element.Value.Length > 80 ? element.Value[..80] : element.Value);
            }
        }

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

            if (attributes.Keys.Any(a => (a == "style" && !styleAttributesAllowed) || (a.StartsWith("on", StringComparison.Ordinal) && a.Length > 2)))
            {
                found.Add(tag.Value);
            }
        }

        return found;
    }

    [GeneratedRegex(@"<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex(@"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s>]+))?)*)\s*/?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"([^\s=>/]+)(\s*=\s*(""[^""]*""|'[^']*'|[^\s>]+))?")]
    private static partial Regex Attribute();
}
