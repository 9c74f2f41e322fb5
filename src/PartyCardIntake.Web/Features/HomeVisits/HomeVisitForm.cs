using PartyCardIntake.Core.Planning;

namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>
/// The appointment form: date, start time, length, officer; team, address and note when a visit is made (not when it
/// is moved). <see cref="Calendar"/> carries what the rules compare against (now, the deadline, the visiting window);
/// the service fills it from the database before it validates, whatever the page had.
/// </summary>
public sealed class HomeVisitForm
{
    public const int DefaultMinutes = 30;

    public const int MinMinutes = 5;

    public const int MaxMinutes = 240;

    public const int TeamMax = 100;

    public const int AddressMax = 500;

    public const int NoteMax = 500;

    public DateTime? Date { get; set; }

    public TimeSpan? Start { get; set; }

    public int? Duration { get; set; } = DefaultMinutes;

    public string? OfficerId { get; set; }

    public string? Team { get; set; }

    public string? Address { get; set; }

    public string? Note { get; set; }

    /// <summary>True for a new appointment (team and address asked); false when a visit is moved.</summary>
    public bool WithDetails { get; set; } = true;

    /// <summary>Not a field: the facts the rules need. A method, so that the form validator does not walk into it.</summary>
    private HomeVisitCalendar? calendar;

    public HomeVisitCalendar? Calendar() => calendar;

    public HomeVisitForm Use(HomeVisitCalendar value)
    {
        calendar = value;
        return this;
    }

    /// <summary>Start and end as wall-clock times, once date, time and length are valid.</summary>
    public (DateTime Start, DateTime End)? Times() =>
        Date is { } date && Start is { } start && Duration is { } minutes
            ? (date.Date + start, date.Date + start + TimeSpan.FromMinutes(minutes))
            : null;

    public HomeVisitForm Copy() => new()
    {
        Date = Date, Start = Start, Duration = Duration, OfficerId = OfficerId, Team = Team, Address = Address, Note = Note,
        WithDetails = WithDetails, calendar = calendar,
    };
}

/// <summary>
/// What a visit's time is checked against: the present moment (Vietnam's wall clock), the commune's campaign deadline,
/// and the visiting window of each day (the intake sites' opening hours, or the configured window on a day without).
/// </summary>
public sealed record HomeVisitCalendar(DateTime Now, DateOnly? Deadline, Func<DateOnly, (TimeOnly From, TimeOnly To)> Window)
{
    /// <summary>A calendar with one window for every day (tests, and communes without sites).</summary>
    public static HomeVisitCalendar Fixed(DateTime now, DateOnly? deadline, TimeOnly from, TimeOnly to) => new(now, deadline, _ => (from, to));

    /// <summary>
    /// The earliest opening to the latest closing of the commune's sites that day, never wider than the configured
    /// visiting window (a site open round the clock does not make a visit to a home at 02:00 reasonable); the
    /// configured window where no site opens.
    /// </summary>
    public static HomeVisitCalendar From(DateTime now, DateOnly? deadline, IReadOnlyList<SiteSchedule> sites, HomeVisitOptions options) =>
        new(now, deadline, day =>
        {
            var hours = sites.SelectMany(s => s.On(day)).ToList();
            if (hours.Count == 0)
            {
                return (options.VisitFrom, options.VisitTo);
            }

            var from = hours.Min(h => h.Start);
            var to = hours.Max(h => h.End);
            from = from < options.VisitFrom ? options.VisitFrom : from;
            to = to > options.VisitTo ? options.VisitTo : to;

            // Sites open only outside the visiting window: visits keep to the window.
            return from < to ? (from, to) : (options.VisitFrom, options.VisitTo);
        });
}

/// <summary>Configuration "HomeVisits": the visiting window on days when no intake site of the commune is open.</summary>
public sealed class HomeVisitOptions
{
    public TimeOnly VisitFrom { get; set; } = new(7, 0);

    public TimeOnly VisitTo { get; set; } = new(20, 0);
}
