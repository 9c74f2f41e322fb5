using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace PartyCardIntake.Web.Components.Print;

/// <summary>
/// Renders a Razor component to an HTML string outside any page, for documents printed to PDF. The
/// component gets its data through parameters; the renderer uses this scope's services (the
/// application's HTML encoder keeps Vietnamese as UTF-8 text).
/// </summary>
public sealed class ComponentHtml(IServiceProvider services, ILoggerFactory loggerFactory)
{
    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    /// <summary>A component with a single parameter, the usual shape of a printed document.</summary>
    public Task<string> RenderAsync<TComponent>(string parameter, object? value)
        where TComponent : IComponent =>
        RenderAsync<TComponent>(new Dictionary<string, object?> { [parameter] = value });
}
