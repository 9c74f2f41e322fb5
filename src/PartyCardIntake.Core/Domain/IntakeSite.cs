namespace PartyCardIntake.Core.Domain;

/// <summary>A place where members come to be captured; its devices set the capacity.</summary>
public class IntakeSite
{
    public int Id { get; set; }

    public int CommuneId { get; set; }

    public Commune? Commune { get; set; }

    public required string Name { get; set; }

    public string? Address { get; set; }

    public TimeOnly OpensAt { get; set; } = new(7, 0);

    public TimeOnly ClosesAt { get; set; } = new(17, 0);

    public int MinutesPerMember { get; set; } = 3;

    /// <summary>Weekly hours as JSON (see <see cref="Planning.SiteSchedule"/>); empty means <see cref="OpensAt"/>–<see cref="ClosesAt"/> every day.</summary>
    public string? WeeklyHoursJson { get; set; }

    /// <summary>Closed days and days with other hours, as JSON.</summary>
    public string? ExceptionsJson { get; set; }

    public Planning.SiteSchedule Schedule =>
        string.IsNullOrWhiteSpace(WeeklyHoursJson)
            ? new Planning.SiteSchedule(Planning.SiteSchedule.EveryDay(OpensAt, ClosesAt).Weekly, Planning.SiteSchedule.FromJson(null, ExceptionsJson).Exceptions)
            : Planning.SiteSchedule.FromJson(WeeklyHoursJson, ExceptionsJson);

    public List<Device> Devices { get; } = [];
}
