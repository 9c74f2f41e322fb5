namespace PartyCardIntake.Web.Features.Worklist;

/// <summary>The committee's correction worklist.</summary>
internal static class WorklistFeature
{
    public static WebApplicationBuilder AddWorklist(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<WorklistQueries>();
        return builder;
    }

    public static void MapWorklist(this IEndpointRouteBuilder app)
    {
        // Pages only.
    }
}
