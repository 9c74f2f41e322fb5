namespace PartyCardIntake.Web.Features.Reports;

/// <summary>The commune's daily report and the province dashboard.</summary>
internal static class ReportsFeature
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DailyReportService>();
        builder.Services.AddScoped<ProvinceDashboardService>();
        builder.Services.AddSingleton<ProvinceDashboardFeed>();
        return builder;
    }

    public static void MapReports(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapReportEndpoints();
        api.MapReportApi();
    }
}
