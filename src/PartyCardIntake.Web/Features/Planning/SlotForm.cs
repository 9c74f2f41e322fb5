namespace PartyCardIntake.Web.Features.Planning;

/// <summary>The campaign's days for a commune: its first day and the commune's deadline (else the province's).</summary>
public sealed record CampaignWindow(DateOnly? Start, DateOnly? Deadline)
{
    public bool Contains(DateOnly date) => (Start is not { } first || date >= first) && (Deadline is not { } last || date <= last);
}

/// <summary>
/// A slot's place and time as typed: site, date, from, to; for a new slot also the cell and how many of its waiting
/// members. <see cref="Window"/> carries the campaign's days the date must lie in; the service sets it from the database
/// before it validates, whatever the page had.
/// </summary>
public sealed class SlotForm
{
    /// <summary>The most members one slot made by hand can take (a cell's list is never longer in practice).</summary>
    public const int MaxMembers = 2000;

    public int? CellId { get; set; }

    public int? SiteId { get; set; }

    public DateTime? Date { get; set; }

    public TimeSpan? From { get; set; }

    public TimeSpan? To { get; set; }

    public int? Members { get; set; }

    /// <summary>True for a new slot (cell and members asked); false when a slot is moved.</summary>
    public bool ForNew { get; set; }

    /// <summary>Not a field: the campaign's days. A method, so that the form validator does not walk into it.</summary>
    private CampaignWindow? window;

    public CampaignWindow? Window() => window;

    public SlotForm Use(CampaignWindow value)
    {
        window = value;
        return this;
    }

    /// <summary>Start and end as wall-clock times, once date and both times are given.</summary>
    public (DateTime Start, DateTime End)? Times() =>
        Date is { } date && From is { } from && To is { } to ? (date.Date + from, date.Date + to) : null;

    public SlotForm Copy() => new() { CellId = CellId, SiteId = SiteId, Date = Date, From = From, To = To, Members = Members, ForNew = ForNew, window = window };

    /// <summary>The form of an existing slot, for moving it.</summary>
    public static SlotForm Of(int siteId, DateTime start, DateTime end) =>
        new() { SiteId = siteId, Date = start.Date, From = start.TimeOfDay, To = end.Date > start.Date ? new TimeSpan(23, 59, 0) : end.TimeOfDay };
}
