using System.Globalization;
using System.Text;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>What a crash run did and found.</summary>
public sealed class CrashReport
{
    public required DatabaseProvider Provider { get; init; }

    public required int Seed { get; init; }

    public int Kills { get; set; }

    /// <summary>Kills while at least one desk request was under way.</summary>
    public int KillsMidRequest { get; set; }

    /// <summary>Kills while no desk request was under way (background work only).</summary>
    public int KillsIdle { get; set; }

    /// <summary>Kills before the restarted node was ready (migrations, seeding, key ring, workers starting).</summary>
    public int KillsDuringStartUp { get; set; }

    /// <summary>Of those, kills during the very first start-up on the empty database (migrations and demo seeding).</summary>
    public int KillsDuringFirstStartUp { get; set; }

    public int Restarts { get; set; }

    public int Checks { get; set; }

    public int ChecksPassed { get; set; }

    public int Sent { get; set; }

    public int Acknowledged { get; set; }

    /// <summary>Acknowledged after at least one attempt that the kill cut (or a 5xx).</summary>
    public int Retried { get; set; }

    /// <summary>Retried, and the retry was answered "already saved": the kill fell between the commit and the answer.</summary>
    public int SavedBeforeKillAnswerLost { get; set; }

    public int ServerErrors { get; set; }

    public int Recycled { get; set; }

    /// <summary>Acknowledged saves whose post left no audit entry (the entry follows the answer; a kill between loses it).</summary>
    public int WithoutAuditEntry { get; set; }

    public List<TimeSpan> RestartTimes { get; } = [];

    public List<TimeSpan> CheckTimes { get; } = [];

    public int DataProtectionKeys { get; set; }

    public TimeSpan Duration { get; set; }

    public List<string> Violations { get; } = [];

    public bool Passed => Violations.Count == 0 && Kills > 0;

    public string Summary()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Crash consistency on {Provider} (seed {Seed}): {(Passed ? "PASSED" : "FAILED")}");
        text.AppendLine(c, $"  kills                  {Kills} ({KillsMidRequest} mid-request, {KillsIdle} idle, {KillsDuringStartUp} during start-up, of which {KillsDuringFirstStartUp} in the first start-up)");
        text.AppendLine(c, $"  restarts               {Restarts}, time to ready median {Seconds(Median(RestartTimes))}, max {Seconds(RestartTimes.DefaultIfEmpty().Max())}");
        text.AppendLine(c, $"  submissions            {Sent} sent, {Acknowledged} acknowledged, {Retried} retried after a kill ({SavedBeforeKillAnswerLost} had been saved before the kill, answer lost), {ServerErrors} 5xx answers, {Recycled} cancelled to reuse members");
        text.AppendLine(c, $"  audit                  chain and anchors verified at every check; {WithoutAuditEntry} acknowledged saves without an audit entry of their post");
        text.AppendLine(c, $"  sessions               every desk kept its sign-in and page tokens through every restart unless a violation says otherwise; {DataProtectionKeys} Data Protection key(s) at the end");
        text.AppendLine(c, $"  checks                 {ChecksPassed} of {Checks} passed, median {Seconds(Median(CheckTimes))}, max {Seconds(CheckTimes.DefaultIfEmpty().Max())}");
        text.AppendLine(c, $"  duration               {Duration:hh\\:mm\\:ss}");
        text.AppendLine(c, $"  violations             {Violations.Count}");
        foreach (var violation in Violations.Take(30))
        {
            text.AppendLine(c, $"    - {violation}");
        }

        return text.ToString();
    }

    private static TimeSpan Median(List<TimeSpan> values) =>
        values.Count == 0 ? TimeSpan.Zero : values.Order().ElementAt(values.Count / 2);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
