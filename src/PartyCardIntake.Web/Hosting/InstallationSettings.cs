using Microsoft.Extensions.Configuration.Json;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// An installation keeps its settings outside the application folder, which an upgrade replaces: the JSON file
/// named by <c>PARTYCARD_SETTINGS</c> (the systemd units name /etc/partycardintake/appsettings.Production.json) is
/// read right after the application's own appsettings files, so environment variables and the command line
/// still override it. Comments are allowed in it.
/// </summary>
internal static class InstallationSettings
{
    public const string Variable = "PARTYCARD_SETTINGS";

    public static void AddInstallationSettings(this WebApplicationBuilder builder)
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            // A missing file would leave the node on defaults (demo off, SQLite in ./data): refuse instead.
            throw new FileNotFoundException($"{Variable} names {full}, which does not exist.", full);
        }

        var sources = builder.Configuration.Sources;
        var afterAppSettings = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource)
            {
                afterAppSettings = i + 1;
            }
        }

        var file = new JsonConfigurationSource { Path = full, Optional = false, ReloadOnChange = false };
        file.ResolveFileProvider();
        sources.Insert(afterAppSettings, file);
    }
}
