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
        builder.Logging.AddSerilog(logger, dispose: true);
    }
}
