namespace PartyCardIntake.Web.Features.Home;

/// <summary>Each role's home page.</summary>
internal static class HomeFeature
{
    public static WebApplicationBuilder AddHome(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProgressQueries>();
        builder.Services.AddScoped<UserDirectory>();
        return builder;
    }

    public static void MapHome(this IEndpointRouteBuilder app)
    {
        // Pages only: the role home pages are routed components.
    }
}
