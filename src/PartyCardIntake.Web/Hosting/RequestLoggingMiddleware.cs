using System.Diagnostics;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// One line per request. Only the path is logged, never the query string: searches carry
/// names and ID numbers.
/// </summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.LogInformation(
                "HTTP {Method} {Path} → {StatusCode} in {Elapsed:0.0} ms",
                context.Request.Method,
                context.Request.Path.Value,
                context.Response.StatusCode,
                elapsed);
        }
    }
}
