using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Retention;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>
/// Form posts of the review pages and the record's images. Posts go to paths of their own
/// ("/review/{id}/approve"), since the page routes answer the GETs.
/// </summary>
internal static class ReviewEndpoints
{
    public static void MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/review").RequireAuthorization(Policies.Review).ExcludeFromDescription();

        review.MapGet("/{id:guid}/photo", (Guid id, HttpContext context, ReviewQueries queries) => ImageAsync(id, signature: false, context, queries))
            .WithMetadata(new AuditedAttribute(AuditAction.ViewPhoto, AuditRouteId.Application));
        review.MapGet("/{id:guid}/signature", (Guid id, HttpContext context, ReviewQueries queries) => ImageAsync(id, signature: true, context, queries))
            .WithMetadata(new AuditedAttribute(AuditAction.ViewSignature, AuditRouteId.Application));

        review.MapPost("/{id:guid}/approve", (Guid id, HttpContext context, IAntiforgery antiforgery, ReviewDecisions decisions) =>
            DecideAsync(id, context, antiforgery, "done.review-approved", form => decisions.ApproveAsync(id, Version(form))));

        review.MapPost("/{id:guid}/return", (Guid id, HttpContext context, IAntiforgery antiforgery, ReviewDecisions decisions) =>
            DecideAsync(id, context, antiforgery, "done.review-returned", form => decisions.ReturnAsync(id, Version(form), form["reason"])));

        review.MapPost("/approve-matches", async (HttpContext context, IAntiforgery antiforgery, ReviewDecisions decisions) =>
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return Results.LocalRedirect("/review?tab=Submitted&error=form.expired");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var ids = form["scope"] == "all"
                ? null
                : form["ids"].Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
            var (approved, error) = await decisions.ApproveMatchesAsync(ids, context.RequestAborted);
            return Results.LocalRedirect(error is null
                ? $"/review?tab=Submitted&done=done.review-approved-many&count={approved.ToString(CultureInfo.InvariantCulture)}"
                : $"/review?tab=Submitted&error={error}");
        });

        review.MapPost("/auto-approval", async (HttpContext context, IAntiforgery antiforgery, AutoApprovalSetting setting) =>
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return Results.LocalRedirect("/review?error=form.expired");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var enabled = form["enabled"] == "true";
            var (approved, error) = await setting.SetAsync(enabled, context.RequestAborted);
            return Results.LocalRedirect(error is not null
                ? $"/review?error={error}"
                : $"/review?done={(enabled ? "done.review-auto-on" : "done.review-auto-off")}&count={approved.ToString(CultureInfo.InvariantCulture)}");
        });
    }

    private static async Task<IResult> DecideAsync(Guid id, HttpContext context, IAntiforgery antiforgery, string done, Func<IFormCollection, Task<string?>> decide)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.LocalRedirect($"/review/{id}?error=form.expired");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var error = await decide(form);
        return error switch
        {
            null => Results.LocalRedirect($"/review?done={done}"),
            "review.not-found" => Results.NotFound(),
            _ => Results.LocalRedirect($"/review/{id}?error={error}"),
        };
    }

    private static async Task<IResult> ImageAsync(Guid id, bool signature, HttpContext context, ReviewQueries queries)
    {
        // Query filters keep another commune's images out of reach: they are simply not found.
        if (await queries.ImageAsync(id, signature, context.RequestAborted) is not { } image)
        {
            return Results.NotFound();
        }

        if (image.DeletedAt is { } deleted)
        {
            return MediaGone.Image(context, deleted, $"/review/{id}");
        }

        // A member's face and signature must not stay in shared or browser caches.
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(image.Bytes, signature ? "image/png" : "image/jpeg");
    }

    private static Guid? Version(IFormCollection form) => Guid.TryParse(form["version"], out var version) ? version : null;
}
