namespace PartyCardIntake.Web.Features.Planning;

/// <summary>Planning cells into slots, moving slots, notices and the plan preview API.</summary>
internal static class PlanningFeature
{
    public static WebApplicationBuilder AddPlanning(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<PlanningService>();
        services.AddScoped<ScheduleEditor>();
        services.AddScoped<ScheduleCalendar>();
        services.AddScoped<NoticeQueries>();
        return builder;
    }

    public static void MapPlanning(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapPlanningEndpoints();
        app.MapNoticeEndpoints();
        api.MapPlanPreview();
    }
}
