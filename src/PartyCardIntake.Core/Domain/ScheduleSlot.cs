namespace PartyCardIntake.Core.Domain;

/// <summary>
/// A party cell's members expected at a site between two times (Vietnam wall-clock time, stored as is:
/// the campaign runs in one time zone). Slots made by hand survive re-planning.
/// </summary>
public class ScheduleSlot
{
    public int Id { get; set; }

    public int CommuneId { get; set; }

    public int IntakeSiteId { get; set; }

    public IntakeSite? IntakeSite { get; set; }

    public int PartyCellId { get; set; }

    public PartyCell? PartyCell { get; set; }

    public DateTime Start { get; set; }

    public DateTime End { get; set; }

    public int Members { get; set; }

    public bool IsManual { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The members expected in this slot, chosen when it is planned, moved or split.</summary>
    public List<SlotMember> Expected { get; } = [];
}
