using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// A page's typed query parameters (<c>[SupplyParameterFromQuery] int? Cell</c>) are bound by Blazor, which throws on a
/// value it cannot parse (<c>?cell=abc</c>), so an edited or truncated address answered 500. This checks them the way
/// Blazor parses them (invariant culture) before the page renders and answers 400 instead, which the status pages
/// show as "Địa chỉ không hợp lệ". Values a page reads as text it checks itself.
/// </summary>
internal sealed class QueryValueCheck(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, (string Name, Type Type)[]> Parameters = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page && context.Request.QueryString.HasValue)
        {
            foreach (var (name, type) in Parameters.GetOrAdd(page.Type, Find))
            {
                foreach (var value in context.Request.Query[name])
                {
                    if (!Parses(value, type))
                    {
                        context.Response.StatusCode = StatusCodes.Status400BadRequest;
                        return Task.CompletedTask;
                    }
                }
            }
        }

        return next(context);
    }

    private static (string Name, Type Type)[] Find(Type page) =>
        [.. page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.Attribute!.Name ?? p.Property.Name, p.Property.PropertyType))];

    /// <summary>As Blazor's query binding: an empty value gives the default (null for nullable types).</summary>
    internal static bool Parses(string? value, Type type)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        var inner = Nullable.GetUnderlyingType(type) ?? type;
        var culture = CultureInfo.InvariantCulture;
        return inner switch
        {
            _ when inner == typeof(string) => true,
            _ when inner == typeof(bool) => bool.TryParse(value, out _),
            _ when inner == typeof(int) => int.TryParse(value, NumberStyles.Integer, culture, out _),
            _ when inner == typeof(long) => long.TryParse(value, NumberStyles.Integer, culture, out _),
            _ when inner == typeof(double) => double.TryParse(value, NumberStyles.Float, culture, out var d) && double.IsFinite(d),
            _ when inner == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, culture, out _),
            _ when inner == typeof(Guid) => Guid.TryParse(value, out _),
            _ when inner == typeof(DateOnly) => DateOnly.TryParse(value, culture, out _),
            _ when inner == typeof(DateTime) => DateTime.TryParse(value, culture, out _),
            _ => true,
        };
    }
}
