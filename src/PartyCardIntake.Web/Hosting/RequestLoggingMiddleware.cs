using System.Diagnostics;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// One line per request. Only the path is logged, never the query string: searches carry
/// names and ID numbers. A 12-digit run in the path (the registry's citizen URLs) is masked by
/// <see cref="IdNumberMaskingEnricher"/>, like every other string a log event carries.
/// </summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{

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
                    context.Request.Path.Value,
                    context.Response.StatusCode,
                    elapsed);
            }
            else
            {
                // The status still reads 200 here; the error handler decides what the client gets.
                logger.LogInformation(
                    "HTTP {Method} {Path} → failed in {Elapsed:0.0} ms; the error handler answers",
                    context.Request.Method,
                    context.Request.Path.Value,
                    elapsed);
            }
        }
    }
}
