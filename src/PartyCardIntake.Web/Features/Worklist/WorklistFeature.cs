namespace PartyCardIntake.Web.Features.Worklist;

/// <summary>The committee's correction worklist.</summary>
internal static class WorklistFeature
{
    public static WebApplicationBuilder AddWorklist(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<WorklistQueries>();
        builder.Services.AddScoped<WorklistService>();
        return builder;
    }

    public static void MapWorklist(this IEndpointRouteBuilder app)
    {
        // Pages only: the page's decisions run in its circuit through WorklistService.
    }
}
