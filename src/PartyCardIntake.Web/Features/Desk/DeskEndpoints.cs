using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Desk;

internal static class DeskEndpoints
{
    /// <summary>Largest multipart body a desk may send: a photo and a signature with room to spare.</summary>
    public const long MaxSubmissionBytes = 6 * 1024 * 1024;

    public static void MapDeskEndpoints(this IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/desk").RequireAuthorization(Policies.Desk).ExcludeFromDescription();

        desk.MapGet("/search", async (string? q, DeskQueries queries, CancellationToken ct) =>
            new RazorComponentResult<DeskSearchResults>(new { Result = await queries.SearchAsync(q, ct) }));

        desk.MapGet("/today", async (HttpContext context, DeskSession session, DeskQueries queries, CancellationToken ct) =>
        {
            var station = await session.CurrentAsync(context, ct);
            IReadOnlyList<TodayRow> rows = station is null ? [] : await queries.TodayAsync(station.SiteId, ct);
            return new RazorComponentResult<TodayList>(new { Rows = rows });
        });

        desk.MapGet("/members/{id:int}/check", CheckAsync);

        desk.MapPost("/queue/check-in", CheckInAsync).DisableAntiforgery();

        // The form is read by the handler after its own antiforgery check, so that a stale page gets a
        // clear message instead of an exception from the form reader.
        desk.MapPost("/members/{id:int}/submit", SubmitAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxSubmissionBytes });
    }

    /// <summary>
    /// Checks in the member named by the clicked button ("slot:member"). htmx gets the queue back to swap in;
    /// a plain form post goes back to the desk.
    /// </summary>
    private static async Task<IResult> CheckInAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        DeskSession session,
        ArrivalService queue,
        CurrentUser user,
        CancellationToken cancellationToken)
    {
        var htmx = context.Request.Headers.ContainsKey("HX-Request");
        var station = await session.CurrentAsync(context, cancellationToken);
        string? error = null;
        if (station is null)
        {
            return htmx ? Results.Content(string.Empty, "text/html") : Results.LocalRedirect("/desk");
        }

        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            error = Ui.Form_Expired;
        }
        else
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            var parts = form["entry"].ToString().Split(':');
            var known = parts.Length == 2
                && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var slotId)
                && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var memberId)
                && await queue.CheckInAsync(slotId, memberId, user.UserName, cancellationToken);
            error = known ? null : Ui.Desk_CheckInUnknown;
        }

        if (!htmx)
        {
            return Results.LocalRedirect("/desk");
        }

        return new RazorComponentResult<DeskQueueList>(new { Slots = await queue.TodayAsync(station.SiteId, cancellationToken), Error = error });
    }

    private static async Task<IResult> CheckAsync(
        int id,
        IDbContextFactory<AppDbContext> factory,
        RegistryCheckService checks,
        CurrentUser user,
        TimeProvider clock,
        IOptions<VerificationOptions> verification,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return Results.NotFound();
        }

        var result = await checks.CheckAsync(db, member, CheckSource.Desk, user.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // Announced with the rule the submission applies, so what the page says is what gets saved.
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = await SubmissionVerification.DecideForMemberAsync(db.RegistryChecks.AsNoTracking(), member.Id, now, verification.Value.RecentCheck, cancellationToken);
        return new RazorComponentResult<DeskCheckResult>(new { Check = result, Decision = decision });
    }

    private static async Task<IResult> SubmitAsync(
        int id,
        HttpContext context,
        IAntiforgery antiforgery,
        DeskSession session,
        DeskSubmission submission,
        CurrentUser user,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(title: Ui.Form_Expired, detail: Ui.Form_Expired, statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var key = Guid.TryParse(form["idempotencyKey"], out var parsed) ? parsed : (Guid?)null;
        var station = await session.CurrentAsync(context, cancellationToken);
        var result = await submission.SubmitAsync(
            new SubmitRequest(id, key, CapturePart.Of(form.Files["photo"]), CapturePart.Of(form.Files["signature"]), form["strokes"], station, user.UserId ?? string.Empty),
            cancellationToken);
        return result.Saved
            ? TypedResults.Ok(new { applicationId = result.ApplicationId, verification = result.Verification?.ToString(), duplicate = result.Duplicate, message = result.Message })
            : TypedResults.Problem(title: result.Message, detail: result.Message, statusCode: result.StatusCode);
    }
}
