using PartyCardIntake.Infrastructure.Database;
using Serilog;
using Serilog.Formatting.Json;

namespace PartyCardIntake.Web.Hosting;

internal static class LoggingExtensions
{
    /// <summary>
    /// Console for operators, a rolling JSON file under the data folder for later search.
    /// Levels come from the "Serilog" configuration section.
    /// </summary>
    public static void AddPartyCardLogging(this WebApplicationBuilder builder)
    {
        var dataFolder = builder.Configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.DataFolder)}"] ?? "data";
        var logFolder = builder.Configuration["Logging:Folder"] ?? Path.Combine(dataFolder, "logs");
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<IdNumberMaskingEnricher>()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(
                new JsonFormatter(renderMessage: true),
                Path.Combine(Path.GetFullPath(logFolder), "partycard-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31)
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger, dispose: true);
    }

    /// <summary>
    /// One event per request, from Serilog.AspNetCore. RequestPath never holds the query string (searches carry
    /// names and ID numbers); a 12-digit run in the path is masked by <see cref="IdNumberMaskingEnricher"/>.
    /// </summary>
    public static void UsePartyCardRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} → {StatusCode} in {Elapsed:0.0} ms";
            // Health probes every few seconds would drown the rest.
            o.GetLevel = (context, _, error) =>
                error is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/_blazor") ? Serilog.Events.LogEventLevel.Debug
                : Serilog.Events.LogEventLevel.Information;
        });
}
