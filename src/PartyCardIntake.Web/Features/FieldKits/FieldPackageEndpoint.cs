using Microsoft.AspNetCore.Http.Features;
using Microsoft.OpenApi;
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
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Declared here rather than with Accepts: routing would answer another media type itself, without naming the field.
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    },
                };
                return Task.CompletedTask;
            })
            .WithSummary("Import a field kit's capture package (station lead or intake officer of the commune).")
            .WithDescription("The body is the package file. Its signature and every checksum are checked before anything is written; "
                + "importing the same file again returns the same receipt and adds nothing. The answer is the receipt signed with the commune's station key.")
            .Produces<FieldReceiptFileDocument>(StatusCodes.Status200OK, "application/json")
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

/// <summary>
/// The shape of a signed receipt file, for the API document only: <c>receipt</c> is the receipt's JSON (base64), and
/// <c>signature</c> the station key's ECDSA P-256 signature over those bytes (IEEE P1363, base64).
/// </summary>
internal sealed record FieldReceiptFileDocument(byte[] Receipt, byte[] Signature);
