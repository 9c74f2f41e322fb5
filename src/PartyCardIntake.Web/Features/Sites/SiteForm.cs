using System.Globalization;
using System.Text.Json.Serialization;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Planning;

namespace PartyCardIntake.Web.Features.Sites;

/// <summary>
/// Opening hours of one day as typed: open or closed, opening and closing time, and an optional break
/// ("07:00"–"17:00", break "11:30"–"13:30" is the two intervals 07:00-11:30 and 13:30-17:00). Times stay
/// text so that what the user typed survives an error ("25:00", "7h").
/// </summary>
public class HoursForm
{
    public bool Open { get; set; } = true;

    public string? Opens { get; set; }

    public string? Closes { get; set; }

    public string? BreakStarts { get; set; }

    public string? BreakEnds { get; set; }

    /// <summary>
    /// The stored hours when they have more than one break ("07:00-09:00, 10:00-12:00, 13:00-17:00"): this form keeps one
    /// break a day, so saving keeps only the first; the page says so beside the day. Null otherwise.
    /// </summary>
    [JsonInclude]
    public string? MoreBreaksThanTheForm { get; private set; }

    /// <summary>True when the times read as a valid day (used before the validator has run on them).</summary>
    public bool IsComplete =>
        SiteTime.Parse(Opens) is { } o && SiteTime.Parse(Closes) is { } c && c > o
        && ((string.IsNullOrWhiteSpace(BreakStarts) && string.IsNullOrWhiteSpace(BreakEnds))
            || (SiteTime.Parse(BreakStarts) is { } bs && SiteTime.Parse(BreakEnds) is { } be && bs > o && be > bs && c > be));

    /// <summary>The intervals these hours stand for; call only on hours the validator accepted.</summary>
    public IReadOnlyList<OpeningInterval> ToIntervals()
    {
        if (!Open)
        {
            return [];
        }

        var opens = SiteTime.Parse(Opens)!.Value;
        var closes = SiteTime.Parse(Closes)!.Value;
        if (SiteTime.Parse(BreakStarts) is { } breakStarts && SiteTime.Parse(BreakEnds) is { } breakEnds)
        {
            return [new OpeningInterval(opens, breakStarts), new OpeningInterval(breakEnds, closes)];
        }

        return [new OpeningInterval(opens, closes)];
    }

    /// <summary>
    /// Fills the form from stored intervals: the first start, the last end, and the gap after the first
    /// interval as the break. Hours stored with more than one break keep only the first (the form has one).
    /// </summary>
    public void SetFrom(IReadOnlyList<OpeningInterval> intervals)
    {
        Open = intervals.Count > 0;
        if (intervals.Count == 0)
        {
            Opens = Closes = BreakStarts = BreakEnds = null;
            return;
        }

        Opens = SiteTime.Format(intervals[0].Start);
        Closes = SiteTime.Format(intervals[^1].End);
        BreakStarts = intervals.Count > 1 ? SiteTime.Format(intervals[0].End) : null;
        BreakEnds = intervals.Count > 1 ? SiteTime.Format(intervals[1].Start) : null;
        MoreBreaksThanTheForm = intervals.Count > 2 ? SiteSchedule.Format(intervals) : null;
    }
}

/// <summary>A weekday's hours.</summary>
public sealed class DayHoursForm : HoursForm
{
    public DayOfWeek Day { get; set; }
}

/// <summary>A date with other hours than its weekday, or closed.</summary>
public sealed class SpecialDayForm : HoursForm
{
    public DateTime? Date { get; set; }
}

/// <summary>An existing device of the site: renamed or switched off (devices are never deleted: records name them).</summary>
public sealed class DeviceForm
{
    public int Id { get; set; }

    public string? Name { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>The site edit form: name, capacity, hours for all seven weekdays, special days and devices.</summary>
public sealed class SiteForm
{
    public string? Name { get; set; }

    public string? Address { get; set; }

    public int? MinutesPerMember { get; set; } = 3;

    /// <summary>Instead of minutes: records a device does a day, converted on the longest day.</summary>
    public int? RecordsPerDevicePerDay { get; set; }

    /// <summary>A site without opening hours of its own, such as the mobile team's laptop for home visits.</summary>
    public bool NoFixedHours { get; set; }

    /// <summary>Monday to Sunday, always seven.</summary>
    public List<DayHoursForm> Days { get; set; } = SiteSchedule.Days
        .Select(d => new DayHoursForm { Day = d, Open = true, Opens = "07:00", Closes = "17:00" })
        .ToList();

    public List<SpecialDayForm> SpecialDays { get; set; } = [];

    public List<DeviceForm> Devices { get; set; } = [];

    public string? NewDevice { get; set; }

    /// <summary>
    /// Minutes per member as saved: typed, or converted from records per device per day on the longest open
    /// day (the figure a commune quotes, "250 a device a day"). Null when hours or figures are not valid yet.
    /// </summary>
    public int? EffectiveMinutes()
    {
        if (RecordsPerDevicePerDay is not { } records || records <= 0)
        {
            return MinutesPerMember;
        }

        if (NoFixedHours || Days.Any(d => d.Open && !d.IsComplete))
        {
            return null;
        }

        var longest = Days.Max(d => d.Open ? d.ToIntervals().Sum(i => (i.End - i.Start).TotalMinutes) : 0);
        return (int)Math.Max(1, Math.Round(longest / records));
    }

    public static SiteForm From(IntakeSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var schedule = site.Schedule;
        var form = new SiteForm
        {
            Name = site.Name,
            Address = site.Address,
            MinutesPerMember = site.MinutesPerMember,
            NoFixedHours = schedule.Weekly.Values.All(v => v.Count == 0),
        };
        foreach (var day in form.Days)
        {
            day.SetFrom(schedule.Weekly.GetValueOrDefault(day.Day) ?? []);
        }

        if (form.NoFixedHours)
        {
            // Offer ordinary hours should the user give the site some after all.
            foreach (var day in form.Days)
            {
                (day.Open, day.Opens, day.Closes) = (true, "07:00", "17:00");
            }
        }

        foreach (var special in schedule.Exceptions.OrderBy(e => e.Date))
        {
            var row = new SpecialDayForm { Date = special.Date.ToDateTime(TimeOnly.MinValue) };
            row.SetFrom(special.Hours);
            form.SpecialDays.Add(row);
        }

        form.Devices = site.Devices.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => new DeviceForm { Id = d.Id, Name = d.Name, Active = d.IsActive }).ToList();
        return form;
    }
}

/// <summary>24-hour times as the site form takes them: "07:00" or "7:00", ASCII digits only, 00:00 to 23:59.</summary>
public static class SiteTime
{
    public static TimeOnly? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon is < 1 or > 2 || value.Length - colon != 3)
        {
            return null;
        }

        // char.IsAsciiDigit: "０７:００" or Arabic-Indic digits are not times here.
        foreach (var ch in value.Remove(colon, 1))
        {
            if (!char.IsAsciiDigit(ch))
            {
                return null;
            }
        }

        var hours = int.Parse(value[..colon], NumberStyles.None, CultureInfo.InvariantCulture);
        var minutes = int.Parse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        return hours is >= 0 and <= 23 && minutes is >= 0 and <= 59 ? new TimeOnly(hours, minutes) : null;
    }

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
