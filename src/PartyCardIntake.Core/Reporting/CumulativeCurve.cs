namespace PartyCardIntake.Core.Reporting;

/// <summary>One day of the cumulative curve: received up to that day (null after the report's day) and the target.</summary>
public sealed record CurvePoint(DateOnly Day, int? Received, int? Target);

/// <summary>
/// Records received up to each day against the target line, from the campaign's first day (or the first record,
/// if earlier) to the deadline (or the report's day, if later).
/// </summary>
public sealed record CumulativeCurve(DateOnly Date, DateOnly? Start, DateOnly? Deadline, int Eligible, IReadOnlyList<CurvePoint> Points)
{
    /// <summary>A chart wider than this many days would be unreadable; the earliest days are dropped.</summary>
    public const int MaxDays = 366;

    /// <param name="receivedPerDay">Records received on each day (any order, days without records left out).</param>
    public static CumulativeCurve Build(IEnumerable<(DateOnly Day, int Received)> receivedPerDay, DateOnly date, DateOnly? start, DateOnly? deadline, int eligible)
    {
        ArgumentNullException.ThrowIfNull(receivedPerDay);
        var perDay = receivedPerDay.Where(r => r.Day <= date).GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Received));
        var first = new[] { start, perDay.Count == 0 ? null : perDay.Keys.Min() }.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(date).Min();
        first = first > date ? date : first;
        var last = deadline is { } d && d > date ? d : date;
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            first = last.AddDays(1 - MaxDays);
        }

        var hasTarget = start is not null && deadline is not null && deadline >= start;
        var received = perDay.Where(p => p.Key < first).Sum(p => p.Value);
        var points = new List<CurvePoint>(last.DayNumber - first.DayNumber + 1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            received += perDay.GetValueOrDefault(day);
            points.Add(new CurvePoint(day, day <= date ? received : null, hasTarget ? Forecast.Target(day, start, deadline, eligible) : null));
        }

        return new CumulativeCurve(date, start, deadline, eligible, points);
    }

    /// <summary>Received up to the report's day: the curve's last value.</summary>
    public int Received => Points.LastOrDefault(p => p.Received is not null)?.Received ?? 0;

    /// <summary>The target for the report's day; null without a campaign window.</summary>
    public int? TargetToday => Points.FirstOrDefault(p => p.Day == Date)?.Target;
}
