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
    public const int MaxNameLength = 200;

    /// <summary>A preview plans at most a year ahead of its start; the planner's horizon adds its own days to the deadline.</summary>
    public const int MaxDeadlineDays = 366;

    // Dates outside these years are typing errors; they also keep the planner's day arithmetic far from DateOnly's ends.
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    private static readonly PlanPreviewRequestValidator Validator = new();

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

        foreach (var failure in Validator.Validate(body).Errors)
        {
            Add(JsonPath(failure.PropertyName), failure.ErrorMessage);
        }

        // A missing start date is the validator's to report.
        var start = Date(body.StartDate, "startDate", required: false, Add);
        var deadline = Date(body.Deadline, "deadline", required: false, Add);
        if (start is { } s && deadline is { } d && d < s)
        {
            Add("deadline", Ui.Plan_DeadlineBeforeStart);
        }
        else if (start is { } from && deadline is { } to && to.DayNumber - from.DayNumber > MaxDeadlineDays)
        {
            Add("deadline", string.Format(CultureInfo.InvariantCulture, Ui.Plan_DeadlineTooFar, MaxDeadlineDays));
        }

        // Numbers and names are the validator's; it has reported them above.
        var minutes = body.MinutesPerMember ?? 0;
        var reserve = body.ReservePercent ?? 0;
        var sites = new List<PlanSite>();
        if (body.Sites is { Count: > 0 and <= MaxSites })
        {
            for (var i = 0; i < body.Sites.Count; i++)
            {
                if (Site(body.Sites[i], $"sites[{i}]", Add) is { } site)
                {
                    sites.Add(site);
                }
            }

            Unique(body.Sites.Select(s => s?.Name).ToList(), "sites", Add);
        }

        var cells = new List<PlanCell>();
        if (body.Cells is { Count: > 0 and <= MaxCells })
        {
            for (var i = 0; i < body.Cells.Count; i++)
            {
                if (Cell(body.Cells[i], $"cells[{i}]", Add) is { } cell)
                {
                    cells.Add(cell);
                }
            }

            Unique(body.Cells.Select(c => c?.Name).ToList(), "cells", Add);

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

        var ok = !string.IsNullOrWhiteSpace(site.Name) && site.Devices is >= 1 and <= PlanPreviewSiteValidator.MaxDevices;

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

        var ok = !string.IsNullOrWhiteSpace(cell.Name) && cell.Members is >= 0 and <= MaxMembers;

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

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            add(field, Ui.Plan_DateInvalid);
            return null;
        }

        if (date < EarliestDate || date > LatestDate)
        {
            add(field, string.Format(CultureInfo.InvariantCulture, Ui.Plan_DateRange, Iso(EarliestDate), Iso(LatestDate)));
            return null;
        }

        return date;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Slots and unscheduled members are reported by name, so two items of one name could not be told apart.</summary>
    private static void Unique(List<string?> names, string path, Action<string, string> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i]?.Trim() is { Length: > 0 } name && !seen.Add(name))
            {
                add($"{path}[{i}].name", Ui.Plan_DuplicateName);
            }
        }
    }

    /// <summary>"Sites[0].Devices" (the validator's) as the body spells it: "sites[0].devices".</summary>
    private static string JsonPath(string property) =>
        string.Join('.', property.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private static bool Time(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
