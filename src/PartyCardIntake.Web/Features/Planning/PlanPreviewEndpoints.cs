using PartyCardIntake.Core.Planning;
using PartyCardIntake.Web.Hosting.OpenApi;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

internal static class PlanPreviewEndpoints
{
    public static void MapPlanPreview(this RouteGroupBuilder api)
    {
        api.MapPost("/plans/preview", (PlanPreviewRequest body) =>
            {
                var request = PlanPreviewMapper.ToRequest(body, out var errors);
                return request is null
                    ? Results.ValidationProblem(errors, title: Ui.Plan_Invalid)
                    : Results.Ok(PlanPreviewMapper.ToResponse(Planner.Plan(request)));
            })
            .RequireAuthorization(Policies.Planning)
            .WithName("PreviewPlan")
            .AcceptsJsonBody()
            .WithSummary("Plan party cells into intake slots without storing anything (\"what if\").")
            .WithDescription("Local times without offset. Every slot lies inside its site's opening hours and its cell's availability; "
                + "a site never serves more members at once than devices × minutes / minutesPerMember; every member is in a slot or in `unscheduled`.")
            .Produces<PlanPreviewResponse>()
            .ProducesValidationProblem();
    }
}
