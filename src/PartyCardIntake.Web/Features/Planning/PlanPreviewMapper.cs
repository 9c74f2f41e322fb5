using System.Globalization;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>
/// Turns the preview body into a planner request, collecting every problem with the path of its field
/// ("sites[0].hours.mon[1]") and a sentence in Vietnamese; and the planner's result into the response.
/// </summary>
public static class PlanPreviewMapper
{
    public const int MaxSites = 50;
    public const int MaxCells = 5000;
    public const int MaxMembers = 200_000;

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, AvailabilityWindow> Windows = new(StringComparer.Ordinal)
    {
        ["weekdayDaytime"] = AvailabilityWindow.WeekdayDaytime,
        ["weekdayEvening"] = AvailabilityWindow.WeekdayEvening,
        ["weekend"] = AvailabilityWindow.Weekend,
    };

    public static PlanRequest? ToRequest(PlanPreviewRequest body, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
            {
                problems[field] = list = [];
            }

            list.Add(message);
        }

        var start = Date(body.StartDate, "startDate", required: true, Add);
        var deadline = Date(body.Deadline, "deadline", required: false, Add);
        if (start is { } s && deadline is { } d && d < s)
        {
            Add("deadline", Ui.Plan_DeadlineBeforeStart);
        }

        var minutes = body.MinutesPerMember ?? 0;
        if (body.MinutesPerMember is null || minutes <= 0 || minutes > 120 || double.IsNaN(minutes))
        {
            Add("minutesPerMember", Ui.Plan_MinutesPerMember);
        }

        var reserve = body.ReservePercent ?? 0;
        if (reserve < 0 || reserve > 90 || double.IsNaN(reserve))
        {
            Add("reservePercent", Ui.Plan_Reserve);
        }

        var sites = new List<PlanSite>();
        if (body.Sites is not { Count: > 0 } || body.Sites.Count > MaxSites)
        {
            Add("sites", string.Format(CultureInfo.InvariantCulture, Ui.Plan_Sites, MaxSites));
        }
        else
        {
            for (var i = 0; i < body.Sites.Count; i++)
            {
                if (Site(body.Sites[i], $"sites[{i}]", Add) is { } site)
                {
                    sites.Add(site);
                }
            }
        }

        var cells = new List<PlanCell>();
        if (body.Cells is not { Count: > 0 } || body.Cells.Count > MaxCells)
        {
            Add("cells", string.Format(CultureInfo.InvariantCulture, Ui.Plan_Cells, MaxCells));
        }
        else
        {
            for (var i = 0; i < body.Cells.Count; i++)
            {
                if (Cell(body.Cells[i], $"cells[{i}]", Add) is { } cell)
                {
                    cells.Add(cell);
                }
            }

            if (cells.Sum(c => (long)c.Members) > MaxMembers)
            {
                Add("cells", string.Format(CultureInfo.InvariantCulture, Ui.Plan_TooManyMembers, MaxMembers));
            }
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return errors.Count > 0 ? null : new PlanRequest(start!.Value, deadline, minutes, reserve, sites, cells);
    }

    public static PlanPreviewResponse ToResponse(PlanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new PlanPreviewResponse(
            result.Slots.Select(s => new PlanPreviewSlot(s.Site, s.Cell, Local(s.Start), Local(s.End), s.Members)).ToList(),
            result.FinishDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            result.MeetsDeadline,
            result.LowerBoundFinishDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            result.Unscheduled.Select(u => new PlanPreviewUnscheduled(u.Cell, u.Members)).ToList(),
            new PlanPreviewWaits(result.Waits.MeanMinutes, result.Waits.P95Minutes));
    }

    private static string Local(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static PlanSite? Site(PlanPreviewSite? site, string path, Action<string, string> add)
    {
        if (site is null)
        {
            add(path, Ui.Plan_SiteMissing);
            return null;
        }

        var ok = true;
        if (string.IsNullOrWhiteSpace(site.Name))
        {
            add($"{path}.name", Ui.Plan_NameRequired);
            ok = false;
        }

        if (site.Devices is not ({ } devices and >= 1 and <= 100))
        {
            add($"{path}.devices", Ui.Plan_Devices);
            ok = false;
        }

        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var (key, intervals) in site.Hours ?? new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>())
        {
            if (!Weekdays.TryGetValue(key, out var day))
            {
                add($"{path}.hours.{key}", Ui.Plan_UnknownWeekday);
                ok = false;
                continue;
            }

            ok &= Intervals(intervals, $"{path}.hours.{key}", add, out var list);
            hours[day] = list;
        }

        var closed = new HashSet<DateOnly>();
        for (var j = 0; j < (site.ClosedDates?.Count ?? 0); j++)
        {
            if (Date(site.ClosedDates![j], $"{path}.closedDates[{j}]", required: true, add) is { } date)
            {
                closed.Add(date);
            }
            else
            {
                ok = false;
            }
        }

        var special = new Dictionary<DateOnly, IReadOnlyList<OpeningInterval>>();
        foreach (var (key, intervals) in site.SpecialHours ?? new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>())
        {
            var field = $"{path}.specialHours.{key}";
            if (!DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                add(field, Ui.Plan_DateInvalid);
                ok = false;
                continue;
            }

            ok &= Intervals(intervals, field, add, out var list);
            special[date] = list;
        }

        return ok ? new PlanSite(site.Name!.Trim(), site.Devices!.Value, hours, closed) { SpecialHours = special } : null;
    }

    /// <summary>One day's intervals, sorted; false when one is malformed, ends before it starts, or two overlap.</summary>
    private static bool Intervals(IReadOnlyList<IReadOnlyList<string>>? intervals, string path, Action<string, string> add, out List<OpeningInterval> list)
    {
        var ok = true;
        list = [];
        for (var j = 0; j < (intervals?.Count ?? 0); j++)
        {
            var pair = intervals![j];
            var field = $"{path}[{j}]";
            if (pair is not { Count: 2 } || !Time(pair[0], out var from) || !Time(pair[1], out var to))
            {
                add(field, Ui.Plan_Interval);
                ok = false;
                continue;
            }

            if (to <= from)
            {
                add(field, Ui.Plan_EndBeforeStart);
                ok = false;
                continue;
            }

            list.Add(new OpeningInterval(from, to));
        }

        list.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var j = 1; j < list.Count; j++)
        {
            if (list[j].Start < list[j - 1].End)
            {
                add(path, Ui.Plan_Overlap);
                ok = false;
            }
        }

        return ok;
    }

    private static PlanCell? Cell(PlanPreviewCell? cell, string path, Action<string, string> add)
    {
        if (cell is null)
        {
            add(path, Ui.Plan_CellMissing);
            return null;
        }

        var ok = true;
        if (string.IsNullOrWhiteSpace(cell.Name))
        {
            add($"{path}.name", Ui.Plan_NameRequired);
            ok = false;
        }

        if (cell.Members is not ({ } members and >= 0))
        {
            add($"{path}.members", Ui.Plan_Members);
            ok = false;
        }

        var windows = new HashSet<AvailabilityWindow>();
        for (var j = 0; j < (cell.Availability?.Count ?? 0); j++)
        {
            if (Windows.TryGetValue(cell.Availability![j] ?? string.Empty, out var window))
            {
                windows.Add(window);
            }
            else
            {
                add($"{path}.availability[{j}]", Ui.Plan_Availability);
                ok = false;
            }
        }

        if (windows.Count == 0)
        {
            windows.UnionWith(Windows.Values);
        }

        return ok ? new PlanCell(cell.Name!.Trim(), cell.Members!.Value, windows) : null;
    }

    private static DateOnly? Date(string? text, string field, bool required, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                add(field, Ui.Plan_DateRequired);
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        add(field, Ui.Plan_DateInvalid);
        return null;
    }

    private static bool Time(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
