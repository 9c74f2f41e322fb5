using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// <c>PartyCardIntake.Web migrate</c>: applies pending migrations to the configured database and exits
/// (0 done, 2 failed), without starting the web server or seeding anything. A province server runs it at
/// deploy time under the schema owner's login; its web nodes run with <c>Database:MigrateAtStartup=false</c>.
/// </summary>
internal static class MigrateCommand
{
    public static bool Matches(string[] args) => args.Length >= 1 && args[0] == "migrate";

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        try
        {
            var applied = await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(applyMigrations: true);
            await Console.Out.WriteLineAsync(applied == 0
                ? "Database schema is up to date; no migration was pending."
                : $"Database schema is up to date: {applied} migration(s) applied.");
            return 0;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Migration failed: {e.Message}");
            return 2;
        }
    }
}
