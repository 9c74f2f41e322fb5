using System.Globalization;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>The day a report is for, as given in an address (<c>date=yyyy-MM-dd</c>).</summary>
public static class ReportDate
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>Far before any campaign on this system; also keeps the reports' day arithmetic clear of 0001-01-01.</summary>
    private const int MaxYearsBack = 10;

    /// <summary>
    /// Nothing given means today. Anything else must be an ISO date no later than today: a later day has no
    /// records yet, and its forecast would pretend the coming days were already lost. Nor more than
    /// ten years earlier.
    /// </summary>
    public static bool TryParse(string? value, DateOnly today, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            date = today;
            return true;
        }

        return DateOnly.TryParseExact(value.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date <= today && date >= Earliest(today);
    }

    /// <summary>The earliest day a report may be asked for.</summary>
    public static DateOnly Earliest(DateOnly today) => today.AddYears(-MaxYearsBack);

    public static string Iso(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);
}
