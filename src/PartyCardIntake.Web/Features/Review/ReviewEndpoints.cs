using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Retention;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>
/// The record's photo and signature for the review pages. The decisions themselves are made in the pages' circuits
/// through <see cref="ReviewDecisions"/>.
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
}
