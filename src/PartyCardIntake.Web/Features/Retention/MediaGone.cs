using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Retention;

/// <summary>
/// The answer, status 410 Gone, for media the retention rule has deleted: a Vietnamese page for people, a
/// problem document for scripts. Never an empty image, and never a package that differs from the one sent.
/// </summary>
public static class MediaGone
{
    public static IResult Image(HttpContext context, DateTime deletedAt, string back) =>
        Answer(context, string.Format(Ui.Culture, Ui.Retention_MediaDeleted, Day(deletedAt)), null, back);

    public static IResult Package(HttpContext context, DateTime deletedAt, string sha256) =>
        Answer(context, string.Format(Ui.Culture, Ui.Retention_PackageRefused, Day(deletedAt)), sha256, "/transmission");

    /// <summary>The Vietnamese calendar day of a deletion, as every page shows dates.</summary>
    public static string Day(DateTime deletedAt) => Labels.Date(DateOnly.FromDateTime(VietnamTime.ToLocal(deletedAt).DateTime));

    private static IResult Answer(HttpContext context, string text, string? sha256, string back)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return TypedResults.Problem(title: Ui.Retention_GoneTitle, detail: text, statusCode: StatusCodes.Status410Gone,
                extensions: sha256 is null ? null : new Dictionary<string, object?> { ["sha256"] = sha256 });
        }

        return new RazorComponentResult<MediaGonePage>(new { Text = text, Sha256 = sha256, Back = back, Stylesheets = Stylesheets(context) }) { StatusCode = StatusCodes.Status410Gone };
    }

    /// <summary>
    /// The application's style sheets by their fingerprinted addresses, as the pages link them: this answer comes from
    /// a file's endpoint, which carries no asset list of its own, so it is taken from the page endpoints'.
    /// </summary>
    private static ResourceAssetCollection? Stylesheets(HttpContext context) =>
        context.RequestServices.GetService<EndpointDataSource>()?.Endpoints
            .Select(e => e.Metadata.GetMetadata<ResourceAssetCollection>())
            .FirstOrDefault(c => c is not null);
}
