namespace PartyCardIntake.Core.Domain;

/// <summary>A commune or ward: the unit that owns members, sites and records.</summary>
public class Commune
{
    public int Id { get; set; }

    public int ProvinceId { get; set; }

    public Province? Province { get; set; }

    /// <summary>Five-digit administrative code.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>A commune may finish earlier than the province's deadline, never later.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>Share of device time (0–50 %) the planner leaves free for members who come without a slot.</summary>
    public int WalkInReservePercent { get; set; }

    /// <summary>Records whose registry check matched without warnings are approved without the lead's review.</summary>
    public bool AutoApproveMatches { get; set; }

    /// <summary>Members on the list without an exemption; kept by <see cref="Data.MemberCounts"/> after every change to the list.</summary>
    public int EligibleMembers { get; set; }

    /// <summary>Members exempted (force majeure); not counted as eligible.</summary>
    public int ExcusedMembers { get; set; }
}
