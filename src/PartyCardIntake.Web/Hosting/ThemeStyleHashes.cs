using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using PartyCardIntake.Web.Components.Shell;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// The sha256 sources of the &lt;style&gt; elements MudThemeProvider writes (palette variables, scrollbar,
/// chart hover). The theme is fixed, so their text is too: they are rendered once, on the first page, and
/// allowed by hash instead of allowing every inline style element (docs/security.md).
/// </summary>
internal sealed partial class ThemeStyleHashes(IServiceProvider services, ILoggerFactory loggerFactory)
{
    private Task<string>? sources;

    public Task<string> SourcesAsync() => sources ??= RenderAsync();

    private async Task<string> RenderAsync()
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = AppTheme.Theme });
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
            return output.ToHtmlString();
        });

        var hashes = StyleElement().Matches(html)
            .Select(m => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value))) + "'")
            .Distinct();
        return string.Join(' ', hashes);
    }

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
