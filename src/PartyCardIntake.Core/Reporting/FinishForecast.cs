namespace PartyCardIntake.Core.Reporting;

/// <summary>Members planned to come on a day: the members of its schedule slots and its planned home visits.</summary>
public readonly record struct PlannedDay(DateOnly Day, int Members);

/// <summary>
/// A commune's plan from a day on, as the forecast reads it: planned members per day, in day order. Compared by
/// its days (not by reference), so that figures carrying it stay comparable as values.
/// </summary>
public sealed record ForecastPlan(IReadOnlyList<PlannedDay> Days)
{
    public static ForecastPlan None { get; } = new([]);

    public static ForecastPlan Of(IEnumerable<PlannedDay> days) =>
        new(days.Where(d => d.Members > 0).GroupBy(d => d.Day).Select(g => new PlannedDay(g.Key, g.Sum(d => d.Members))).OrderBy(d => d.Day).ToList());

    public int Members => Days.Sum(d => d.Members);

    public bool Equals(ForecastPlan? other) => other is not null && Days.SequenceEqual(other.Days);

    public override int GetHashCode() => Days.Aggregate(Days.Count, (hash, day) => HashCode.Combine(hash, day));
}

/// <summary>What a forecast is made from, at the moment it is read (the end of the day, for a day that is over).</summary>
/// <param name="Date">The report's day.</param>
/// <param name="Remaining">Eligible members without a record at that moment.</param>
/// <param name="Plan">Planned members still to come, per day from <paramref name="Date"/> on (earlier days are ignored).</param>
/// <param name="RecentReceived">Records received in the <see cref="FinishForecast.RecentDays"/> whole days before that moment.</param>
/// <param name="RecentPlanned">Members planned in those same days.</param>
public sealed record ForecastInput(DateOnly Date, int Remaining, ForecastPlan Plan, int RecentReceived, int RecentPlanned);

/// <summary>
/// The one forecast of when a commune finishes: the daily report, the province dashboard and the planner's
/// "on time" message all call it (docs/reports.md, "The forecast").
/// </summary>
/// <remarks>
/// The remaining members are laid over the planned members still to come, day by day, each day's plan counted at
/// the share of the plan that came in the recent days (all of it when nothing was planned then; never more than
/// all of it); the finish is the first day by which they add up. Members beyond the plan come at the recent days'
/// average after the plan's last day (after the report's day without a plan): ⌈left ÷ average⌉ days on. Nobody in
/// the recent days and members beyond the plan: no forecast (null). The recent days are whole days, so a day not
/// yet over never pulls the pace down.
/// </remarks>
public static class FinishForecast
{
    /// <summary>How many whole days make "the recent days".</summary>
    public const int RecentDays = 3;

    public static DateOnly? Finish(ForecastInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Remaining <= 0)
        {
            return input.Date;
        }

        // The share of the plan that comes, as a fraction kept in whole numbers: came / planned, at most 1.
        long came = input.RecentPlanned > 0 ? Math.Min(Math.Max(0, input.RecentReceived), input.RecentPlanned) : 1;
        long planned = input.RecentPlanned > 0 ? input.RecentPlanned : 1;
        long remaining = input.Remaining;
        long members = 0;
        var last = input.Date;
        foreach (var day in input.Plan.Days.Where(d => d.Day >= input.Date).OrderBy(d => d.Day))
        {
            members += day.Members;
            last = day.Day;
            if (members * came >= remaining * planned)
            {
                return day.Day;
            }
        }

        if (input.RecentReceived <= 0)
        {
            return null;
        }

        var left = remaining - (members * came / (double)planned);
        var perDay = input.RecentReceived / (double)RecentDays;
        return last.AddDays((int)Math.Ceiling((left / perDay) - 1e-9));
    }
}
