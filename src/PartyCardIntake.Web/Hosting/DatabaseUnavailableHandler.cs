using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Components.Pages;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// Answers a request that failed because the database was unreachable for a moment (PostgreSQL restarting,
/// after the retrying execution strategy gave up) with 503 and a Vietnamese message, instead of the general
/// error page: the person should know that trying again is right and safe. Scripts and the API get problem
/// details, people a page. Nothing here reads the database.
/// </summary>
internal sealed class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DbErrors.IsTemporarilyUnavailable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = httpContext.Request;

        // The exception handler has already pointed the request at its error path; the original is kept here.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? request.Path.Value ?? "/";
        IResult result;
        if (path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || WantsJson(request))
        {
            result = TypedResults.Problem(title: Ui.Db_Unavailable_Message, detail: Ui.Db_Unavailable_Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        else
        {
            // A form post cannot be repeated by a link; its page can be opened again.
            var page = request.PathBase + path;
            var retry = HttpMethods.IsGet(request.Method) ? page + request.QueryString.ToString() : page;
            result = new RazorComponentResult<DatabaseUnavailablePage>(new { RetryUrl = retry })
            {
                StatusCode = StatusCodes.Status503ServiceUnavailable,
            };
        }

        logger.LogWarning("Database unavailable: {Method} {Path} answered 503", request.Method, path);
        await result.ExecuteAsync(httpContext);
        return true;
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && (a.Contains("application/json", StringComparison.OrdinalIgnoreCase) || a.Contains("application/problem+json", StringComparison.OrdinalIgnoreCase)));
}
