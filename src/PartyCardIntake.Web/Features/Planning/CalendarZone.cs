using System.Globalization;
using PartyCardIntake.Core.Planning;

namespace PartyCardIntake.Web.Features.Planning;

public enum CalendarMode
{
    Week,
    Day,
}

/// <summary>A slot dropped or typed somewhere else: its new site and times.</summary>
public sealed record SlotMove(CalendarSlot Slot, int SiteId, DateTime Start, DateTime End);

/// <summary>
/// A drop zone of the calendar: a day at a site (week view), or an hour of a day at a site (day view). A slot dropped on a
/// day keeps its times; dropped on an hour it starts in that hour at its own minute. It keeps its length either way.
/// </summary>
public readonly record struct CalendarZone(DateOnly Date, int SiteId, int? Hour = null)
{
    public string Id => Hour is { } hour
        ? string.Create(CultureInfo.InvariantCulture, $"{Date:yyyy-MM-dd}|{SiteId}|{hour}")
        : string.Create(CultureInfo.InvariantCulture, $"{Date:yyyy-MM-dd}|{SiteId}");

    public static CalendarZone Of(CalendarSlot slot, CalendarMode mode)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new(DateOnly.FromDateTime(slot.Start), slot.SiteId, mode == CalendarMode.Day ? slot.Start.Hour : null);
    }

    public static CalendarZone? Parse(string? id)
    {
        var parts = (id ?? string.Empty).Split('|');
        if (parts.Length is < 2 or > 3
            || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var site))
        {
            return null;
        }

        if (parts.Length == 2)
        {
            return new CalendarZone(date, site);
        }

        return int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and < 24
            ? new CalendarZone(date, site, hour)
            : null;
    }

    /// <summary>Where the slot would be if dropped here.</summary>
    public SlotMove Place(CalendarSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var length = slot.End - slot.Start;
        var start = Hour is { } hour
            ? Date.ToDateTime(new TimeOnly(hour, slot.Start.Minute))
            : Date.ToDateTime(TimeOnly.FromDateTime(slot.Start));
        return new SlotMove(slot, SiteId, start, start + length);
    }

    /// <summary>Monday of the date's week.</summary>
    public static DateOnly WeekOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>
    /// The hours the day view shows: from the earliest opening to the latest closing of the sites that day (special days'
    /// own hours), widened to any slot of the day; 07–17 when nothing is open.
    /// </summary>
    public static (int First, int Last) HoursOf(CalendarView view, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(view);
        var intervals = view.Sites.SelectMany(s => view.HoursOf(s.Id, date)).ToList();
        var first = intervals.Count == 0 ? 7 : intervals.Min(i => i.Start.Hour);
        var last = intervals.Count == 0 ? 17 : intervals.Max(i => LastHour(i));
        foreach (var slot in view.Slots.Where(s => DateOnly.FromDateTime(s.Start) == date))
        {
            first = Math.Min(first, slot.Start.Hour);
            last = Math.Max(last, slot.Start.Hour);
        }

        return (first, Math.Max(first, last));
    }

    private static int LastHour(OpeningInterval interval) =>
        interval.End == TimeOnly.MinValue ? 23 : interval.End.Minute == 0 ? Math.Max(interval.Start.Hour, interval.End.Hour - 1) : interval.End.Hour;
}
