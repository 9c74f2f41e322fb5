using System.Globalization;
using System.Text.Json;

namespace PartyCardIntake.Core.Planning;

/// <summary>A date on which a site is closed, or open at other hours (extended or shortened).</summary>
public sealed record SpecialDay(DateOnly Date, IReadOnlyList<OpeningInterval> Hours)
{
    public bool Closed => Hours.Count == 0;
}

/// <summary>
/// A site's weekly opening hours (several intervals a day; the gaps are breaks) and its date
/// exceptions, written as text people can type: "07:00-11:30, 13:30-17:00".
/// </summary>
public sealed class SiteSchedule
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public SiteSchedule(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> weekly, IReadOnlyList<SpecialDay> exceptions)
    {
        Weekly = weekly;
        Exceptions = exceptions;
    }

    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Weekly { get; }

    public IReadOnlyList<SpecialDay> Exceptions { get; }

    public static IReadOnlyList<DayOfWeek> Days => Week;

    /// <summary>The same hours every day of the week.</summary>
    public static SiteSchedule EveryDay(TimeOnly opens, TimeOnly closes) =>
        new(Week.ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[new OpeningInterval(opens, closes)]), []);

    /// <summary>Opening minutes on a date, exceptions included.</summary>
    public IReadOnlyList<OpeningInterval> On(DateOnly date) =>
        Exceptions.FirstOrDefault(e => e.Date == date)?.Hours
        ?? Weekly.GetValueOrDefault(date.DayOfWeek)
        ?? [];

    public double MinutesOn(DateOnly date) => On(date).Sum(i => (i.End - i.Start).TotalMinutes);

    /// <summary>
    /// The site as the planner sees it: closed days become closed dates, days with other hours special hours.
    /// A date listed twice counts as <see cref="On"/> reads it, by its first entry.
    /// </summary>
    public PlanSite ToPlanSite(string name, int devices)
    {
        var days = Exceptions.DistinctBy(e => e.Date).ToList();
        return new PlanSite(name, devices, Weekly, days.Where(e => e.Closed).Select(e => e.Date).ToHashSet())
        {
            SpecialHours = days.Where(e => !e.Closed).ToDictionary(e => e.Date, e => e.Hours),
        };
    }

    /// <summary>
    /// "07:00-11:30, 13:30-17:00" → intervals; empty text is a closed day. False with a message code
    /// when the text is not of that form, an interval ends before it starts, or two overlap.
    /// </summary>
    public static bool TryParseIntervals(string? text, out IReadOnlyList<OpeningInterval> intervals, out string? error)
    {
        var list = new List<OpeningInterval>();
        intervals = list;
        error = null;
        foreach (var part in (text ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split(['-', '–'], StringSplitOptions.TrimEntries);
            if (ends.Length != 2
                || !TimeOnly.TryParseExact(ends[0], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(ends[1], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                error = "hours.format";
                return false;
            }

            if (end <= start)
            {
                error = "hours.end-before-start";
                return false;
            }

            list.Add(new OpeningInterval(start, end));
        }

        list.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Start < list[i - 1].End)
            {
                error = "hours.overlap";
                return false;
            }
        }

        return true;
    }

    public static string Format(IReadOnlyList<OpeningInterval> intervals) =>
        string.Join(", ", intervals.Select(i => $"{i.Start:HH\\:mm}-{i.End:HH\\:mm}"));

    public string ToWeeklyJson() => JsonSerializer.Serialize(Week.ToDictionary(d => d.ToString(), d => Format(Weekly.GetValueOrDefault(d) ?? [])));

    public string ToExceptionsJson() =>
        JsonSerializer.Serialize(Exceptions.OrderBy(e => e.Date).Select(e => new[] { e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Format(e.Hours) }));

    /// <summary>Reads what <see cref="ToWeeklyJson"/> and <see cref="ToExceptionsJson"/> wrote; unreadable parts count as closed.</summary>
    public static SiteSchedule FromJson(string? weeklyJson, string? exceptionsJson)
    {
        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        var days = string.IsNullOrWhiteSpace(weeklyJson) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(weeklyJson) ?? [];
        foreach (var (key, value) in days)
        {
            if (Enum.TryParse<DayOfWeek>(key, out var day) && TryParseIntervals(value, out var intervals, out _) && intervals.Count > 0)
            {
                weekly[day] = intervals;
            }
        }

        var exceptions = new List<SpecialDay>();
        var rows = string.IsNullOrWhiteSpace(exceptionsJson) ? [] : JsonSerializer.Deserialize<List<string[]>>(exceptionsJson) ?? [];
        foreach (var row in rows)
        {
            if (row.Length == 2 && DateOnly.TryParseExact(row[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && TryParseIntervals(row[1], out var intervals, out _))
            {
                exceptions.Add(new SpecialDay(date, intervals));
            }
        }

        return new SiteSchedule(weekly, exceptions);
    }
}
