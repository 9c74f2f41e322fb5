using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.PreCheck;

internal static class PreCheckEndpoints
{
    public const string Path = "/members/precheck";

    /// <summary>
    /// The htmx fragments and form post of the static panel, which the worklist page (not yet on MudBlazor) still shows;
    /// the interactive panel (PreCheckPanel in a circuit) calls PreCheckService directly. Remove these with the static panel.
    /// </summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).RequireAuthorization(Policies.MemberLists).ExcludeFromDescription();

        // The whole panel (form and progress), for a page that loads it with htmx.
        group.MapGet(string.Empty, () => new RazorComponentResult<PreCheckLegacyPanel>());

        // Only the progress part: polled every 2 seconds while a run is queued or running.
        group.MapGet("/progress", async (PreCheckService service, CancellationToken ct) =>
            new RazorComponentResult<PreCheckLegacyProgress>(new { Runs = await service.LatestAsync(cancellationToken: ct) }));

        // The form is read after the handler's own antiforgery check, so that a stale page gets a clear message.
        group.MapPost(string.Empty, StartAsync).DisableAntiforgery();
    }

    /// <summary>
    /// Starts a run. A plain form post is redirected back to the page it came from (or gets the error
    /// with its status); an htmx request gets the panel to swap in, with the error shown in it.
    /// </summary>
    private static async Task<IResult> StartAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        PreCheckService service,
        CurrentUser user,
        CancellationToken cancellationToken)
    {
        var htmx = context.Request.Headers.ContainsKey("HX-Request");
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return htmx
                ? Panel(null, Ui.Form_Expired, null)
                : TypedResults.Problem(title: Ui.Form_Expired, detail: Ui.Form_Expired, statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var raw = form["cell"].ToString().Trim();
        int? cellId = null;
        PreCheckStartResult result;
        if (raw.Length == 0)
        {
            result = await service.StartAsync(null, user.UserName, cancellationToken);
        }
        else if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            cellId = parsed;
            result = await service.StartAsync(cellId, user.UserName, cancellationToken);
        }
        else
        {
            result = new PreCheckStartResult(null, PreCheckError.CellNotFound);
        }

        var error = result.Error is { } code ? Message(code) : null;
        if (htmx)
        {
            // htmx swaps only successful responses: the refusal is part of the panel it gets back.
            return Panel(cellId, error, result.Started ? Ui.PreCheck_Started : null);
        }

        return result.Error is { } refused
            ? TypedResults.Problem(title: error, detail: error, statusCode: StatusOf(refused))
            : Results.LocalRedirect(BackTo(context.Request));
    }

    public static string Message(PreCheckError error) => error switch
    {
        PreCheckError.NoCommune => Ui.PreCheck_Error_NoCommune,
        PreCheckError.CellNotFound => Ui.PreCheck_Error_CellNotFound,
        PreCheckError.AlreadyRunning => Ui.PreCheck_Error_AlreadyRunning,
        PreCheckError.NoMembers => Ui.PreCheck_Error_NoMembers,
        PreCheckError.Forbidden => Ui.PreCheck_Error_Forbidden,
        _ => error.ToString(),
    };

    private static int StatusOf(PreCheckError error) => error switch
    {
        PreCheckError.NoCommune or PreCheckError.Forbidden => StatusCodes.Status403Forbidden,
        PreCheckError.CellNotFound => StatusCodes.Status404NotFound,
        PreCheckError.AlreadyRunning => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static RazorComponentResult<PreCheckLegacyPanel> Panel(int? cellId, string? error, string? notice) =>
        new(new { SelectedCell = cellId, Error = error, Notice = notice });

    /// <summary>The page the form was on, when it is a page of this site; the home page otherwise.</summary>
    private static string BackTo(HttpRequest request)
    {
        if (Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            var path = referer.PathAndQuery;

            // "//host" or "/\host" would leave the site.
            if (path.StartsWith('/') && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')))
            {
                return path;
            }
        }

        return "/";
    }
}
