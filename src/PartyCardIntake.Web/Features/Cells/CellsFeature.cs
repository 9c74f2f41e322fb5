namespace PartyCardIntake.Web.Features.Cells;

/// <summary>Party cells of a commune.</summary>
internal static class CellsFeature
{
    public static WebApplicationBuilder AddCells(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CellQueries>();
        return builder;
    }

    public static void MapCells(this IEndpointRouteBuilder app)
    {
        app.MapCellEndpoints();
    }
}
