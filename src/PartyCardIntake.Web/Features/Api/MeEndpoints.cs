using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Hosting.OpenApi;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Api;

public sealed record MeResponse(
    string UserName,
    string DisplayName,
    [property: ApiValues(AppRoles.Admin, AppRoles.ProvinceViewer, AppRoles.WardCommittee, AppRoles.StationLead, AppRoles.IntakeOfficer)] IReadOnlyList<string> Roles,
    int? CommuneId,
    int? ProvinceId);

internal static class MeEndpoints
{
    public static void MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (CurrentUser user) =>
                TypedResults.Ok(new MeResponse(user.UserName, user.DisplayName, user.Roles, user.CommuneId, user.ProvinceId)))
            .WithName("GetMe")
            .WithSummary("Who the caller is, with roles and data scope.")
            .Produces<MeResponse>();
    }
}
