namespace PartyCardIntake.Core.Reporting;

/// <summary>
/// The figures around the forecast: days late, the percentage and the chart's target line. The finish itself is
/// <see cref="FinishForecast"/>.
/// </summary>
public static class Forecast
{
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
