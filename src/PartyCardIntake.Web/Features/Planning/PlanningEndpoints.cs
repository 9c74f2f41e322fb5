using System.Globalization;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

internal static class PlanningEndpoints
{
    public static void MapPlanningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/planning/run", async (Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, HttpContext context, PlanningService planning) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.LocalRedirect("/planning?error=form.expired");
                }

                // The reserve is optional (the no-show page re-plans without it); when sent it must be a plain number.
                var form = await context.Request.ReadFormAsync();
                int? reserve = null;
                if (form.TryGetValue("reserve", out var raw) && raw.ToString().Trim().Length > 0)
                {
                    if (!int.TryParse(raw.ToString().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return Results.LocalRedirect("/planning?error=planning.reserve");
                    }

                    reserve = parsed;
                }

                var (result, error) = await planning.PlanAsync(reserve);
                if (result is null)
                {
                    return Results.LocalRedirect($"/planning?error={error}");
                }

                var summary = string.Create(CultureInfo.InvariantCulture,
                    $"finish={result.FinishDate:dd/MM/yyyy}&bound={result.LowerBoundFinishDate:dd/MM/yyyy}&ok={result.MeetsDeadline}&unscheduled={result.Unscheduled.Sum(u => u.Members)}&mean={result.Waits.MeanMinutes}&p95={result.Waits.P95Minutes}");
                return Results.LocalRedirect($"/planning?{summary}");
            })
            .RequireAuthorization(Policies.CommunePlanning)
            .ExcludeFromDescription();

        // Any commune staff may hand a cell its calendar; the cell must be of their commune.
        app.MapGet("/planning/cells/{id:int}.ics", async (int id, PlanningService planning, TimeProvider clock) =>
                await planning.CellSlotsAsync(id) is { } cell
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(CellCalendar.Build(cell.Name, cell.Slots, clock.GetUtcNow().UtcDateTime)), "text/calendar; charset=utf-8", $"lich-chi-bo-{id}.ics")
                    : Results.NotFound())
            .RequireAuthorization(Policies.CommuneStaff)
            .ExcludeFromDescription();
    }
}
