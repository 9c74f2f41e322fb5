namespace PartyCardIntake.Core.Domain;

/// <summary>
/// Who may run one kind of background work until when. Several web nodes share one database; a node runs a
/// round of, say, re-checks only while it holds the lease, so the work is done once across the nodes.
/// </summary>
public class WorkerLease
{
    /// <summary>The kind of work, e.g. "verification".</summary>
    public required string Name { get; set; }

    /// <summary>The node holding it (host name and process id); empty when released.</summary>
    public string Holder { get; set; } = string.Empty;

    public DateTime ExpiresAt { get; set; }

    /// <summary>How many times a holder took or renewed it: a witness that the work ran, and how often.</summary>
    public long Rounds { get; set; }
}
