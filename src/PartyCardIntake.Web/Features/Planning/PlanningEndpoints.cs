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

                var (result, error) = await planning.PlanAsync();
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
    }
}
