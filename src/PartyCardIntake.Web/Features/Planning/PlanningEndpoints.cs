using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>A cell's calendar file. Planning, moving and the no-show list run in the interactive pages through the feature's services.</summary>
internal static class PlanningEndpoints
{
    public static void MapPlanningEndpoints(this IEndpointRouteBuilder app)
    {
        // Any commune staff may hand a cell its calendar; the cell must be of their commune.
        app.MapGet("/planning/cells/{id:int}.ics", async (int id, PlanningService planning, TimeProvider clock) =>
                await planning.CellSlotsAsync(id) is { } cell
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(CellCalendar.Build(cell.Name, cell.Slots, clock.GetUtcNow().UtcDateTime)), "text/calendar; charset=utf-8", $"lich-chi-bo-{id}.ics")
                    : Results.NotFound())
            .RequireAuthorization(Policies.CommuneStaff)
            .ExcludeFromDescription();
    }
}
