namespace PartyCardIntake.Core.Planning;

/// <summary>
/// The earliest finish any plan could reach: every opening minute of every device used, with the walk-in
/// reserve kept, and the cells' availability ignored. A plan is judged by how close it comes to this day.
/// </summary>
internal static class CapacityBound
{
    // Capacity is summed as a fraction of members; this absorbs the rounding of many small additions.
    private const double Tolerance = 1e-6;

    public static DateOnly? FinishDate(DateOnly start, DateOnly horizon, IReadOnlyList<SiteCalendar> sites, long members)
    {
        if (members <= 0)
        {
            return null;
        }

        var capacity = 0.0;
        for (var date = start; date < horizon; date = date.AddDays(1))
        {
            foreach (var site in sites)
            {
                capacity += site.OpenMinutesOn(date) * site.MembersPerMinute;
            }

            if (capacity + Tolerance >= members)
            {
                return date;
            }
        }

        return null;
    }
}
