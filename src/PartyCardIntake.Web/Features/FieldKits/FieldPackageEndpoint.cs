using Microsoft.AspNetCore.Http.Features;
using PartyCardIntake.Web.Hosting.OpenApi;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.FieldKits;

/// <summary>
/// <c>POST /api/v1/field/packages</c>: a capture package as the raw body. The answer is the signed receipt file's own
/// JSON; a refusal is a problem naming <c>package</c> with the Vietnamese sentence the page shows.
/// </summary>
internal static class FieldPackageEndpoint
{
    public const string Field = "package";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/field/packages", ImportAsync)
            .RequireAuthorization(Policies.Desk)
            .DisableAntiforgery()
            .WithName("ImportFieldPackage")
            .Accepts<byte[]>("application/octet-stream")
            .WithSummary("Import a field kit's capture package (station lead or intake officer of the commune).")
            .WithDescription("The body is the package file. Its signature and every checksum are checked before anything is written; "
                + "importing the same file again returns the same receipt and adds nothing. The answer is the receipt signed with the commune's station key.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, FieldPackageImporter importer)
    {
        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, Ui.FieldKits_Pkg_MediaType);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // One byte over the limit, so the importer sees the excess and refuses with its own sentence.
            size.MaxRequestBodySize = importer.MaxBytes + 1;
        }

        var result = await importer.ImportAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
        return result.Succeeded
            ? Results.Bytes(result.Receipt!, "application/json")
            : Problem(result.StatusCode, result.Error!);
    }

    private static IResult Problem(int status, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [Field] = [message] }, detail: message, statusCode: status, title: message);
}
