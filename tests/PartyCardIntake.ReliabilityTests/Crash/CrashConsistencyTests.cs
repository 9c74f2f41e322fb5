using PartyCardIntake.Infrastructure.Database;
using Xunit.Abstractions;

namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>Crash runs take the machine's cores; they run one after the other, never beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class CrashRuns
{
    public const string Name = "Crash";
}

/// <summary>
/// SIGKILL at random moments while desks submit: nothing acknowledged is lost, nothing half-written stays, the
/// counts stay equal to a recount, and the node always comes back. The test command runs a few kills;
/// tests/crash-test.sh runs the full counts (200 on SQLite, 50 on PostgreSQL) through the same test.
/// </summary>
public abstract class CrashConsistencyTests(DatabaseProvider provider, int kills, ITestOutputHelper output)
{
    [Fact]
    public async Task Acknowledged_submissions_survive_sigkill_at_random_moments_and_the_database_stays_consistent()
    {
        var folder = CrashOptions.ReportFolder;
        var logPath = folder is null ? null : Path.Combine(folder, $"crash-{provider}.log");
        var gate = new Lock();
        void Log(string line)
        {
            output.WriteLine(line);
            if (logPath is not null)
            {
                lock (gate)
                {
                    File.AppendAllText(logPath, line + Environment.NewLine);
                }
            }
        }

        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var report = await CrashHarness.RunAsync(new CrashOptions
        {
            Provider = provider,
            Kills = CrashOptions.KillsFromEnvironment(provider, kills),
            FirstStartUpKills = 2,
            Seed = CrashOptions.SeedFromEnvironment(20251122),
            Log = Log,
        });

        var summary = report.Summary();
        Log(summary);
        if (folder is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"crash-{provider}.txt"), summary);
        }

        report.Violations.Should().BeEmpty(summary);
        report.Acknowledged.Should().BeGreaterThan(0, "the desks must have got submissions through between the kills");
        report.Passed.Should().BeTrue(summary);
    }

    [Collection(CrashRuns.Name)]
    public sealed class OnSqlite(ITestOutputHelper output) : CrashConsistencyTests(DatabaseProvider.Sqlite, 12, output);

    [Collection(CrashRuns.Name)]
    public sealed class OnPostgreSql(ITestOutputHelper output) : CrashConsistencyTests(DatabaseProvider.PostgreSql, 5, output);
}
