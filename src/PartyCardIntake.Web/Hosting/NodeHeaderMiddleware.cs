using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Hosting;

/// <summary>Names the answering node in <c>X-Node</c>; mapped only when <see cref="NodeOptions.SendNameHeader"/> is on.</summary>
internal sealed partial class NodeHeaderMiddleware(RequestDelegate next, IOptions<NodeOptions> options, WorkerLeases leases)
{
    public const string Header = "X-Node";

    private readonly string _name = ShortName(options.Value.Name, leases.Holder);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (context, name) = ((HttpContext, string))state;
            context.Response.Headers[Header] = name;
            return Task.CompletedTask;
        }, (context, _name));
        return next(context);
    }

    /// <summary>The configured name reduced to header-safe characters, else the random part of the lease holder.</summary>
    public static string ShortName(string? configured, string holder)
    {
        var name = configured is null ? string.Empty : Unsafe().Replace(configured, string.Empty);
        if (name.Length == 0)
        {
            name = holder[(holder.LastIndexOf('/') + 1)..];
        }

        return name.Length <= 32 ? name : name[..32];
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();
}
