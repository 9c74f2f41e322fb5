using System.Net.Mime;
using Microsoft.Net.Http.Headers;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Retention;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Transmissions;

/// <summary>Downloading a package as a ZIP (the page makes packages in its circuit, through TransmissionService).</summary>
internal static class TransmissionEndpoints
{
    public static void MapTransmissionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/transmission").RequireAuthorization(Policies.Review).ExcludeFromDescription();

        group.MapGet("/{id:guid}.zip", async (Guid id, HttpContext context, TransmissionQueries queries) =>
        {
            // Query filters make another commune's package simply not found.
            if (await queries.DownloadAsync(id, context.RequestAborted) is not { } download)
            {
                return Results.NotFound();
            }

            if (download.File is not { } package)
            {
                // Rebuilt without its photos and signatures it would be another file than the one sent.
                return MediaGone.Package(context, download.MediaDeletedAt!.Value, download.Sha256);
            }

            // Personal data: nothing may keep a copy on the way.
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.ContentDisposition =
                new ContentDispositionHeaderValue(DispositionTypeNames.Attachment) { FileName = package.FileName }.ToString();
            return Results.File(package.Bytes, MediaTypeNames.Application.Zip);
        }).WithMetadata(new AuditedAttribute(AuditAction.DownloadPackage));
    }
}
