namespace PartyCardIntake.Core.Domain;

/// <summary>
/// A member expected in a slot. The desk checks members in on arrival; a member of a past slot who neither
/// arrived nor was captured is a no-show and is planned again.
/// </summary>
public class SlotMember
{
    public int ScheduleSlotId { get; set; }

    public ScheduleSlot? ScheduleSlot { get; set; }

    public int MemberId { get; set; }

    public PartyMember? Member { get; set; }

    /// <summary>Copied from the slot so that the commune scope filter needs no join.</summary>
    public int CommuneId { get; set; }

    /// <summary>UTC instant of check-in at the desk; null while the member has not arrived.</summary>
    public DateTime? CheckedInAt { get; set; }

    public string? CheckedInBy { get; set; }
}
