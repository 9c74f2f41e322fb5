namespace PartyCardIntake.Core.Reporting;

/// <summary>How fast one capture device worked on one day, from the times its records were submitted.</summary>
public static class DevicePace
{
    /// <summary>A longer pause between two records is a break (meal, queue empty, device moved), not work.</summary>
    public static readonly TimeSpan BreakAfter = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Average minutes per record: the mean gap between consecutive submissions, leaving out gaps longer than
    /// <see cref="BreakAfter"/> (a gap of exactly that length still counts), with one decimal. Null when no gap
    /// is left to measure (fewer than two records, or only breaks between them).
    /// </summary>
    public static double? AverageMinutes(IEnumerable<DateTime> submissions)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var times = submissions.Order().ToList();
        var total = TimeSpan.Zero;
        var gaps = 0;
        for (var i = 1; i < times.Count; i++)
        {
            var gap = times[i] - times[i - 1];
            if (gap <= BreakAfter)
            {
                total += gap;
                gaps++;
            }
        }

        return gaps == 0 ? null : Math.Round(total.TotalMinutes / gaps, 1, MidpointRounding.AwayFromZero);
    }
}
