namespace PartyCardIntake.Core.Domain;

public enum HomeVisitStatus
{
    Planned,
    Cancelled,
    Missed,
}

/// <summary>
/// An appointment of a mobile team at a member's home (elderly or sick members). Wall-clock times, as for
/// slots. The visit is done when the member has an application; the capture itself uses the desk flow.
/// </summary>
public class HomeVisit
{
    public int Id { get; set; }

    public int CommuneId { get; set; }

    public int MemberId { get; set; }

    public PartyMember? Member { get; set; }

    public DateTime Start { get; set; }

    public DateTime End { get; set; }

    /// <summary>The team's name as the commune police call it ("Tổ lưu động 1").</summary>
    public required string Team { get; set; }

    /// <summary>The officer who leads the visit and sees it in their list.</summary>
    public string? OfficerId { get; set; }

    public required string Address { get; set; }

    public string? Note { get; set; }

    public HomeVisitStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
