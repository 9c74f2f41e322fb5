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

        // The form is read by the handler after its own antiforgery check, so that a stale page gets a
        // clear message instead of an exception from the form reader.
        desk.MapPost("/members/{id:int}/submit", SubmitAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxSubmissionBytes });
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
