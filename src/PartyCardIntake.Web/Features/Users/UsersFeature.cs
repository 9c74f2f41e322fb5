namespace PartyCardIntake.Web.Features.Users;

/// <summary>User administration for the province administrator.</summary>
internal static class UsersFeature
{
    public static WebApplicationBuilder AddUsers(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserQueries>();
        builder.Services.AddScoped<UserAdmin>();
        return builder;
    }

    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        // Pages only.
    }
}
