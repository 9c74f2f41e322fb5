using System.Globalization;

namespace PartyCardIntake.Core.Planning;

/// <summary>
/// Refuses requests that cannot be planned at all. The web layer validates first and reports in Vietnamese;
/// this is the last guard, so that a bad request fails loudly instead of producing a plausible wrong plan.
/// </summary>
internal static class PlanValidation
{
    public const double MaxReservePercent = 90;

    // Outside these bounds the input is a typing error, not a desk: no capture takes under six seconds
    // or longer than a day, and no site has a thousand devices.
    public const double MinMinutesPerMember = 0.1;
    public const double MaxMinutesPerMember = 24 * 60;
    public const int MaxDevices = 1000;

    public static void Validate(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!double.IsFinite(request.MinutesPerMember)
            || request.MinutesPerMember < MinMinutesPerMember
            || request.MinutesPerMember > MaxMinutesPerMember)
        {
            throw new ArgumentException($"Minutes per member must be between {MinMinutesPerMember} and {MaxMinutesPerMember}.", nameof(request));
        }

        if (!double.IsFinite(request.ReservePercent) || request.ReservePercent < 0 || request.ReservePercent > MaxReservePercent)
        {
            throw new ArgumentException($"The reserve for walk-ins must be between 0 and {MaxReservePercent} percent.", nameof(request));
        }

        if (request.Deadline is { } deadline && deadline < request.StartDate)
        {
            throw new ArgumentException("The deadline lies before the start date.", nameof(request));
        }

        if (request.Horizon is { } horizon && horizon <= request.StartDate)
        {
            throw new ArgumentException("The horizon must lie after the start date.", nameof(request));
        }

        ValidateSites(request.Sites);
        ValidateCells(request.Cells);
    }

    private static void ValidateSites(IReadOnlyList<PlanSite> sites)
    {
        if (sites is null)
        {
            throw new ArgumentException("The list of sites is missing.", nameof(sites));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            if (site is null || string.IsNullOrWhiteSpace(site.Name))
            {
                throw new ArgumentException("Every site needs a name.", nameof(sites));
            }

            // Slots name their site; two sites of one name could not be told apart in the plan.
            if (!names.Add(site.Name))
            {
                throw new ArgumentException($"Site '{site.Name}' appears twice.", nameof(sites));
            }

            if (site.Devices is < 1 or > MaxDevices)
            {
                throw new ArgumentException($"Site '{site.Name}' needs between 1 and {MaxDevices} devices.", nameof(sites));
            }

            if (site.Hours is null || site.ClosedDates is null || site.SpecialHours is null)
            {
                throw new ArgumentException($"Site '{site.Name}' has no hours, closed dates or special hours.", nameof(sites));
            }

            foreach (var (day, intervals) in site.Hours)
            {
                if (!Enum.IsDefined(day))
                {
                    throw new ArgumentException($"Site '{site.Name}' has malformed hours for {day}.", nameof(sites));
                }

                ValidateDay(site.Name, day.ToString(), intervals);
            }

            // Special hours follow the same rules even on dates outside the plan: a typing error is refused
            // when it is made, not when the date comes within reach.
            foreach (var (date, intervals) in site.SpecialHours)
            {
                ValidateDay(site.Name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), intervals);
            }
        }
    }

    private static void ValidateDay(string site, string day, IReadOnlyList<OpeningInterval> intervals)
    {
        if (intervals is null || intervals.Any(interval => interval is null))
        {
            throw new ArgumentException($"Site '{site}' has malformed hours for {day}.", nameof(intervals));
        }

        OpeningInterval? previous = null;
        foreach (var interval in intervals.OrderBy(interval => interval.Start))
        {
            if (interval.End <= interval.Start)
            {
                throw new ArgumentException($"Site '{site}' has an opening interval on {day} that ends before it starts.", nameof(intervals));
            }

            // Overlapping intervals would count the same device time twice.
            if (previous is not null && interval.Start < previous.End)
            {
                throw new ArgumentException($"Site '{site}' has overlapping opening intervals on {day}.", nameof(intervals));
            }

            previous = interval;
        }
    }

    private static void ValidateCells(IReadOnlyList<PlanCell> cells)
    {
        if (cells is null)
        {
            throw new ArgumentException("The list of cells is missing.", nameof(cells));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            if (cell is null || string.IsNullOrWhiteSpace(cell.Name))
            {
                throw new ArgumentException("Every cell needs a name.", nameof(cells));
            }

            // Unscheduled members are reported per cell name; duplicates would merge two cells' counts.
            if (!names.Add(cell.Name))
            {
                throw new ArgumentException($"Cell '{cell.Name}' appears twice.", nameof(cells));
            }

            if (cell.Members < 0)
            {
                throw new ArgumentException($"Cell '{cell.Name}' has a negative number of members.", nameof(cells));
            }

            if (cell.Availability is null || cell.Availability.Any(window => !Enum.IsDefined(window)))
            {
                throw new ArgumentException($"Cell '{cell.Name}' has an unknown availability.", nameof(cells));
            }
        }
    }
}
