using Microsoft.AspNetCore.Mvc;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Cells;

internal static class CellEndpoints
{
    public static void MapCellEndpoints(this IEndpointRouteBuilder app)
    {
        var cells = app.MapGroup("/cells").RequireAuthorization(Policies.MemberLists).ExcludeFromDescription();
        cells.MapPost("/new", async ([FromForm] string? name, [FromForm] string? secretaryName, [FromForm] string? secretaryPhone, [FromForm] CellAvailability? availability, [FromForm] bool? isExternal, CellQueries queries) =>
            Back(null, await queries.SaveAsync(null, new CellInput(name, secretaryName, secretaryPhone, availability ?? CellAvailability.AnyTime, isExternal == true))));
        cells.MapPost("/{id:int}", async (int id, [FromForm] string? name, [FromForm] string? secretaryName, [FromForm] string? secretaryPhone, [FromForm] CellAvailability? availability, [FromForm] bool? isExternal, CellQueries queries) =>
            Back(id, await queries.SaveAsync(id, new CellInput(name, secretaryName, secretaryPhone, availability ?? CellAvailability.AnyTime, isExternal == true))));
    }

    private static IResult Back(int? id, string? error) => error switch
    {
        null => Results.LocalRedirect("/cells?saved=true"),
        "member.not-found" => Results.NotFound(),
        _ => Results.LocalRedirect(id is null ? $"/cells?error={error}" : $"/cells/{id}?error={error}"),
    };
}
