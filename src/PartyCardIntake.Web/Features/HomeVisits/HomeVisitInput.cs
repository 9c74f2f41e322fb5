using System.Globalization;

namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>
/// The appointment form as typed: date (yyyy-MM-dd from a date field, or dd/MM/yyyy), start time (HH:mm),
/// duration in minutes. Team, address and note are used when an appointment is made, not when it is moved.
/// </summary>
public sealed record HomeVisitInput(
    string? Date,
    string? Start,
    string? Duration,
    string? OfficerId,
    string? Team = null,
    string? Address = null,
    string? Note = null)
{
    public const int DefaultMinutes = 30;

    public const int MaxMinutes = 240;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss"];

    /// <summary>Start and end as wall-clock times, or the code of what is wrong.</summary>
    public (DateTime Start, DateTime End, string? Error) Times()
    {
        if (!DateOnly.TryParseExact(Date?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (default, default, "date-invalid");
        }

        if (!TimeOnly.TryParseExact(Start?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return (default, default, "time-invalid");
        }

        var minutesText = string.IsNullOrWhiteSpace(Duration) ? DefaultMinutes.ToString(CultureInfo.InvariantCulture) : Duration.Trim();
        if (!int.TryParse(minutesText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes) || minutes > MaxMinutes)
        {
            return (default, default, "duration-invalid");
        }

        if (minutes <= 0)
        {
            return (default, default, "end-before-start");
        }

        var from = date.ToDateTime(start);
        return (from, from.AddMinutes(minutes), null);
    }
}
