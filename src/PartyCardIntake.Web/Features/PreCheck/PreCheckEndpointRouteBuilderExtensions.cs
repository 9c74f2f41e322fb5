using PartyCardIntake.Web.Features.PreCheck;

// In the routing namespace, like ASP.NET Core's Map* extensions: the host adds one call and no using.
namespace Microsoft.AspNetCore.Routing;

internal static class PreCheckEndpointRouteBuilderExtensions
{
    /// <summary>The pre-check under <c>/members/precheck</c>, for the ward committee only (<see cref="PartyCardIntake.Web.Security.Policies.MemberLists"/>).</summary>
    public static void MapPreCheckEndpoints(this IEndpointRouteBuilder app)
    {
        PreCheckEndpoints.Map(app);
    }
}
