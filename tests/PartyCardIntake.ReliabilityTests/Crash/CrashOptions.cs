using System.Globalization;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>How hard a crash run is. The test command uses small counts; tests/crash-test.sh sets the full ones through the environment.</summary>
public sealed record CrashOptions
{
    public const string KillsSqliteVariable = "PARTYCARD_CRASH_KILLS_SQLITE";
    public const string KillsPostgresVariable = "PARTYCARD_CRASH_KILLS_POSTGRES";
    public const string SeedVariable = "PARTYCARD_CRASH_SEED";
    public const string ReportFolderVariable = "PARTYCARD_CRASH_REPORT";

    public required DatabaseProvider Provider { get; init; }

    /// <summary>SIGKILLs in the run, the ones during the first start-up included.</summary>
    public required int Kills { get; init; }

    /// <summary>Kills during the first start-up on the empty database: one in the migrations, one in the demo seeding, then anywhere.</summary>
    public int FirstStartUpKills { get; init; } = 2;

    public int Seed { get; init; } = 20251122;

    /// <summary>How long the node runs between a restart (after the checks) and the next kill.</summary>
    public int MinUptimeMs { get; init; } = 50;

    public int MaxUptimeMs { get; init; } = 1500;

    /// <summary>Share of restarts that are killed again before the node is ready.</summary>
    public double StartUpKillShare { get; init; } = 0.15;

    /// <summary>Share of rounds in which the desks send nothing, so that the kill finds the node idle but for its workers.</summary>
    public double IdleShare { get; init; } = 0.1;

    /// <summary>Generous: the machine may have two cores shared with other work.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>A commune's free members below which, while the node is down, the harness cancels checked applications to reuse their members.</summary>
    public int RecycleBelow { get; init; } = 120;

    public Action<string>? Log { get; init; }

    /// <summary>Kills from the environment (tests/crash-test.sh), or <paramref name="fallback"/> for the test command.</summary>
    public static int KillsFromEnvironment(DatabaseProvider provider, int fallback) =>
        Number(provider == DatabaseProvider.Sqlite ? KillsSqliteVariable : KillsPostgresVariable) ?? fallback;

    public static int SeedFromEnvironment(int fallback) => Number(SeedVariable) ?? fallback;

    /// <summary>Folder for the run's log and summary, when the full run asks for them.</summary>
    public static string? ReportFolder => Environment.GetEnvironmentVariable(ReportFolderVariable) is { Length: > 0 } folder ? folder : null;

    private static int? Number(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
