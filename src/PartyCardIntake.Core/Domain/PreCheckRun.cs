namespace PartyCardIntake.Core.Domain;

public enum PreCheckState
{
    Queued = 1,
    Running = 2,
    Completed = 3,
    Cancelled = 4,
}

/// <summary>
/// A pre-check of a commune or one cell against the registry. Members are checked in ID order and
/// <see cref="LastMemberId"/> moves with each stored check, so a run resumes where it stopped.
/// </summary>
public class PreCheckRun
{
    public int Id { get; set; }

    public int CommuneId { get; set; }

    /// <summary>Null: the whole commune.</summary>
    public int? PartyCellId { get; set; }

    public DateTime RequestedAt { get; set; }

    public string? RequestedBy { get; set; }

    public PreCheckState State { get; set; }

    public int Total { get; set; }

    public int Done { get; set; }

    public int Matched { get; set; }

    public int Warnings { get; set; }

    public int Mismatched { get; set; }

    public int NotFound { get; set; }

    public int Unavailable { get; set; }

    public int LastMemberId { get; set; }

    public DateTime? FinishedAt { get; set; }
}
