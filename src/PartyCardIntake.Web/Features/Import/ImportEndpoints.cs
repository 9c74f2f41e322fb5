using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartyCardIntake.Infrastructure.Import;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Import;

internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var import = app.MapGroup("/members/import").RequireAuthorization(Policies.MemberLists).ExcludeFromDescription();

        import.MapGet("/template.csv", () => Results.File(MemberFileTemplate.Csv(), "text/csv; charset=utf-8", "mau-danh-sach-dang-vien.csv"));
        import.MapGet("/template.xlsx", () => Results.File(MemberFileTemplate.Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-danh-sach-dang-vien.xlsx"));

        // The form is read after the antiforgery check so that a stale page gets a message, not an error.
        import.MapPost("/upload", UploadAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(12 * 1024 * 1024), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = 12 * 1024 * 1024 });

        import.MapPost("/{id:int}/commit", async (int id, [FromForm] bool? createCells, ImportService imports) =>
        {
            var error = await imports.CommitAsync(id, createCells == true);
            return error == "member.not-found" ? Results.NotFound() : Results.LocalRedirect(error is null ? $"/members/import/{id}" : $"/members/import/{id}?error={error}");
        });

        // No form fields to bind, so the token must be asked for explicitly: a forged post would discard the import.
        import.MapPost("/{id:int}/discard", async (int id, ImportService imports) =>
                await imports.DiscardAsync(id) is "member.not-found" ? Results.NotFound() : Results.LocalRedirect("/members/import"))
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());

        import.MapGet("/{id:int}/progress", async (int id, ImportService imports) =>
            await imports.GetAsync(id, withErrors: false) is { } view ? (IResult)new RazorComponentResult<ImportProgress>(new { View = view }) : Results.NotFound());
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IAntiforgery antiforgery, ImportService imports, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.LocalRedirect("/members/import?error=form.expired");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files["file"];
        if (file is null || file.Length == 0)
        {
            return Results.LocalRedirect("/members/import?error=file.empty");
        }

        if (file.Length > imports.Limits.MaxBytes)
        {
            return Results.LocalRedirect("/members/import?error=file.too-large");
        }

        await using var stream = file.OpenReadStream();
        var id = await imports.UploadAsync(stream, file.FileName, cancellationToken);
        return Results.LocalRedirect($"/members/import/{id}");
    }
}
