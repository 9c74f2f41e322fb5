using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// One line per request. Only the path is logged, never the query string: searches carry
/// names and ID numbers. A 12-digit run in the path (the registry's citizen URLs) is masked too.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    [GeneratedRegex("(?<![0-9])([0-9]{3})[0-9]{6}([0-9]{3})(?![0-9])")]
    private static partial Regex IdNumberPattern();

    /// <summary>"/v1/citizens/025055000123" → "/v1/citizens/025******123".</summary>
    internal static string MaskPath(string? path) =>
        path is null ? string.Empty : IdNumberPattern().Replace(path, "$1******$2");

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (completed)
            {
                logger.LogInformation(
                    "HTTP {Method} {Path} → {StatusCode} in {Elapsed:0.0} ms",
                    context.Request.Method,
                    MaskPath(context.Request.Path.Value),
                    context.Response.StatusCode,
                    elapsed);
            }
            else
            {
                // The status still reads 200 here; the error handler decides what the client gets.
                logger.LogInformation(
                    "HTTP {Method} {Path} → failed in {Elapsed:0.0} ms; the error handler answers",
                    context.Request.Method,
                    MaskPath(context.Request.Path.Value),
                    elapsed);
            }
        }
    }
}
