using PartyCardIntake.Infrastructure.Import;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Import;

internal static class ImportEndpoints
{
    /// <summary>
    /// The template downloads only: uploading, committing, discarding and following the progress happen in the import
    /// pages' circuit through <see cref="ImportService"/>.
    /// </summary>
    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var import = app.MapGroup("/members/import").RequireAuthorization(Policies.MemberLists).ExcludeFromDescription();

        import.MapGet("/template.csv", () => Results.File(MemberFileTemplate.Csv(), "text/csv; charset=utf-8", "mau-danh-sach-dang-vien.csv"));
        import.MapGet("/template.xlsx", () => Results.File(MemberFileTemplate.Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-danh-sach-dang-vien.xlsx"));
    }
}
