namespace PartyCardIntake.Web.Features.Cells;

/// <summary>Party cells of a commune.</summary>
internal static class CellsFeature
{
    public static WebApplicationBuilder AddCells(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CellQueries>();
        return builder;
    }

    /// <summary>Nothing to map besides the pages: they save through <see cref="CellQueries"/> in their circuit.</summary>
    public static void MapCells(this IEndpointRouteBuilder app) => ArgumentNullException.ThrowIfNull(app);
}
