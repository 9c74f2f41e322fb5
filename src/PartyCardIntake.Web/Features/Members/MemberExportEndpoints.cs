using System.Net.Mime;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>The subject-access export of one member, for the station lead and the committee of the member's commune.</summary>
internal static class MemberExportEndpoints
{
    public static void MapMemberExportEndpoints(this IEndpointRouteBuilder app)
    {
        // Audited as an export with the member's id; the entry's target is the path, which names no one.
        app.MapGet("/members/{id:int}/export.zip", ExportAsync)
            .RequireAuthorization(Policies.SubjectAccess)
            .ExcludeFromDescription()
            .WithMetadata(new AuditedAttribute(AuditAction.Export, AuditRouteId.Member));
    }

    private static async Task<IResult> ExportAsync(int id, HttpContext context, MemberExportQueries queries, MemberExport export, VietnamTime time)
    {
        // Another commune's member, like a made-up id, is simply not found.
        if (await queries.LoadAsync(id, context.RequestAborted) is not { } data)
        {
            return Results.NotFound();
        }

        // Personal data: nothing may keep a copy on the way.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Stream(
            stream => export.WriteAsync(stream, data, context.RequestAborted),
            MediaTypeNames.Application.Zip,
            MemberExport.FileName(id, time.Today));
    }
}
