namespace PartyCardIntake.Core.Reporting;

/// <summary>When a commune will finish at its recent pace, and how that compares with its deadline.</summary>
public static class Forecast
{
    /// <summary>How many days make "the recent rate".</summary>
    public const int RecentDays = 3;

    /// <summary>
    /// The day the last member is received if the commune keeps receiving the average of the last
    /// <see cref="RecentDays"/> days (the report's day and the two before it): null when nobody was received
    /// in those days and members remain (no pace, no forecast); the report's day when nobody remains.
    /// </summary>
    public static DateOnly? FinishDate(DateOnly date, int remaining, int receivedInRecentDays)
    {
        if (remaining <= 0)
        {
            return date;
        }

        if (receivedInRecentDays <= 0)
        {
            return null;
        }

        var perDay = receivedInRecentDays / (double)RecentDays;
        return date.AddDays((int)Math.Ceiling(remaining / perDay));
    }

    /// <summary>Days after the deadline (negative: before it); null without a forecast or a deadline.</summary>
    public static int? DaysLate(DateOnly? finish, DateOnly? deadline) =>
        finish is { } f && deadline is { } d ? f.DayNumber - d.DayNumber : null;

    /// <summary>Percentage with one decimal; 0 when nobody is eligible.</summary>
    public static double Percent(int part, int whole) =>
        whole <= 0 ? 0 : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The target line: from nothing on the campaign's first day to every eligible member on the deadline,
    /// evenly; the whole number after the deadline, nothing before the start.
    /// </summary>
    public static int Target(DateOnly day, DateOnly? start, DateOnly? deadline, int eligible)
    {
        if (start is not { } s || deadline is not { } d || d < s)
        {
            return 0;
        }

        if (day >= d)
        {
            return eligible;
        }

        if (day < s)
        {
            return 0;
        }

        var span = d.DayNumber - s.DayNumber + 1;
        return (int)Math.Round(eligible * (day.DayNumber - s.DayNumber + 1) / (double)span, MidpointRounding.AwayFromZero);
    }
}
