using System.Text.Json;
using System.Text.RegularExpressions;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// Every answer under /api that is an error is application/problem+json: input that could not be bound
/// (malformed JSON, a wrong type, a missing body, another media type) names its field in <c>errors</c>;
/// a bare status from authentication, authorization or routing gets a body; and an exception becomes a 500
/// problem here, so that it never reaches the pages' error handler (which would re-run a POST as a form and
/// answer with the expired-form page). Other paths keep the status the endpoint would have set.
/// </summary>
internal sealed partial class ApiProblems(RequestDelegate next, ILogger<ApiProblems> logger)
{
    /// <summary>The key of a problem with the body as a whole (missing, not JSON at all).</summary>
    public const string BodyField = "$";

    public const string ContentTypeField = "Content-Type";

    public async Task InvokeAsync(HttpContext context)
    {
        var api = context.Request.Path.StartsWithSegments("/api");
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            // Endpoints throw these (RouteHandlerOptions.ThrowOnBadRequest) so that the API can say which field;
            // pages get the bare status they always had.
            context.Response.StatusCode = bad.StatusCode;
            if (api)
            {
                var (field, message) = Describe(bad);
                await Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: message, statusCode: bad.StatusCode)
                    .ExecuteAsync(context);
            }

            return;
        }
        catch (Exception exception) when (api && !context.Response.HasStarted && !DbErrors.IsTemporarilyUnavailable(exception) && !context.RequestAborted.IsCancellationRequested)
        {
            // The database being away is the 503 of DatabaseUnavailableHandler; anything else is a fault of ours.
            LogFault(logger, exception, context.Request.Method, context.Request.Path.Value ?? "/");
            context.Response.Clear();
            await Results.Problem(title: Ui.Api_ServerError, statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
            return;
        }

        if (api && context.Response is { HasStarted: false, StatusCode: >= 400, ContentType: null } && context.Response.ContentLength is null or 0)
        {
            var status = context.Response.StatusCode;
            var result = status == StatusCodes.Status415UnsupportedMediaType
                ? Results.ValidationProblem(new Dictionary<string, string[]> { [ContentTypeField] = [Ui.Api_MediaType] }, title: Ui.Api_MediaType, statusCode: status)
                : Results.Problem(title: Title(status), statusCode: status);
            await result.ExecuteAsync(context);
        }
    }

    /// <summary>The field in the terms of the request (a JSON path without "$.", a parameter name) and a sentence.</summary>
    public static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (ContentTypeField, Ui.Api_MediaType);
        }

        if (bad.InnerException is JsonException json)
        {
            var path = json.Path is null or "$" ? BodyField : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
            return path == BodyField ? (path, Ui.Api_BodyMalformed) : (path, Ui.Api_FieldInvalid);
        }

        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            // "…but no body was provided", "…was not provided from body": nothing came; anything else could not be read.
            var missing = bad.Message.Contains("no body", StringComparison.OrdinalIgnoreCase)
                || bad.Message.Contains("not provided", StringComparison.OrdinalIgnoreCase);
            return (BodyField, missing ? Ui.Api_BodyMissing : Ui.Api_BodyMalformed);
        }

        var parameter = ParameterName().Match(bad.Message);
        return (parameter.Success ? parameter.Groups["name"].Value : BodyField, Ui.Api_FieldInvalid);
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Ui.Api_SignInRequired,
        StatusCodes.Status403Forbidden => Ui.Api_Forbidden,
        StatusCodes.Status404NotFound => Ui.NotFound_Title,
        StatusCodes.Status405MethodNotAllowed => Ui.Api_MethodNotAllowed,
        _ => Ui.Api_RequestRefused,
    };

    // Minimal APIs quote the parameter as "Type name" in their messages.
    [GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[^\" ]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();

    [LoggerMessage(Level = LogLevel.Error, Message = "API request {Method} {Path} failed")]
    private static partial void LogFault(ILogger logger, Exception exception, string method, string path);
}
