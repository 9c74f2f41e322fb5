using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Api;

public sealed record MeResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, int? CommuneId, int? ProvinceId);

internal static class MeEndpoints
{
    public static void MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (CurrentUser user) =>
                TypedResults.Ok(new MeResponse(user.UserName, user.DisplayName, user.Roles, user.CommuneId, user.ProvinceId)))
            .WithSummary("Who the caller is, with roles and data scope.");
    }
}
