namespace PartyCardIntake.Web.Features.Retention;

/// <summary>Deleting photos and signatures after their retention period.</summary>
internal static class RetentionFeature
{
    public static WebApplicationBuilder AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddRetention(builder.Configuration);
        return builder;
    }

    public static void MapRetention(this IEndpointRouteBuilder app)
    {
        // Background work and a page only.
    }
}
