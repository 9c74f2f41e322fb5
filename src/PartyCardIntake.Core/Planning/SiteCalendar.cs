namespace PartyCardIntake.Core.Planning;

/// <summary>
/// A stretch of one opening interval that lies in a single availability window, in minutes after midnight.
/// Slots are placed inside pieces, which is what keeps them inside one interval and one window.
/// </summary>
internal readonly record struct OpeningPiece(int StartMinute, int EndMinute, AvailabilityWindow Window)
{
    public int Minutes => EndMinute - StartMinute;
}

/// <summary>
/// A site's opening hours cut into pieces, day by day over the planned dates, and how long a slot of n members
/// takes there. A date's own hours (closed, or special hours) replace its weekday's.
/// </summary>
internal sealed class SiteCalendar
{
    /// <summary>Weekday evenings start here; members who work can come from this time on.</summary>
    public const int EveningStartMinute = 17 * 60;

    private const double Tolerance = 1e-9;

    private readonly OpeningPiece[][] _weeklyPieces = new OpeningPiece[7][];
    private readonly int[] _weeklyOpenMinutes = new int[7];
    private readonly Dictionary<DateOnly, (OpeningPiece[] Pieces, int Minutes)> _datePieces = [];
    private readonly int[] _largestPieceFit = new int[4];

    /// <summary>Reads the hours of the dates from <paramref name="start"/> up to, not including, <paramref name="horizon"/>.</summary>
    public SiteCalendar(PlanSite site, int index, double minutesPerMember, double reserveShare, DateOnly start, DateOnly horizon)
    {
        Site = site;
        Index = index;
        // Members per minute of opening time with the walk-in reserve kept free on every device.
        MembersPerMinute = site.Devices * (1 - reserveShare) / minutesPerMember;

        // The waste repeats with the rate's denominator; a thousand slot sizes cover any realistic rate.
        LossPerSlot = Enumerable.Range(1, 1000)
            .Max(members => (int)Math.Ceiling((Minutes(members) * MembersPerMinute) - Tolerance) - members);

        for (var day = DayOfWeek.Sunday; day <= DayOfWeek.Saturday; day++)
        {
            var pieces = site.Hours.TryGetValue(day, out var intervals) ? Cut(day, intervals) : [];
            _weeklyPieces[(int)day] = pieces;
            _weeklyOpenMinutes[(int)day] = pieces.Sum(piece => piece.Minutes);
            NoteLargest(pieces);
        }

        // Only dates within the plan count: a long special day next year must not change how cells are kept whole now.
        foreach (var (date, intervals) in site.SpecialHours)
        {
            if (date >= start && date < horizon && !site.ClosedDates.Contains(date))
            {
                var pieces = Cut(date.DayOfWeek, intervals);
                _datePieces[date] = (pieces, pieces.Sum(piece => piece.Minutes));
                NoteLargest(pieces);
            }
        }

        foreach (var date in site.ClosedDates)
        {
            if (date >= start && date < horizon)
            {
                _datePieces[date] = ([], 0);
            }
        }
    }

    public PlanSite Site { get; }

    /// <summary>
    /// The most capacity, in members, that rounding one slot up to whole minutes can waste: none when a
    /// member takes whole minutes of a device, about one member at four devices and three minutes each.
    /// </summary>
    public int LossPerSlot { get; }

    public int Index { get; }

    public double MembersPerMinute { get; }

    /// <summary>The date's pieces in order of time; only dates within the planned range are known by their own hours.</summary>
    public IReadOnlyList<OpeningPiece> PiecesOn(DateOnly date) =>
        _datePieces.TryGetValue(date, out var own) ? own.Pieces : _weeklyPieces[(int)date.DayOfWeek];

    public int OpenMinutesOn(DateOnly date) =>
        _datePieces.TryGetValue(date, out var own) ? own.Minutes : _weeklyOpenMinutes[(int)date.DayOfWeek];

    /// <summary>The most members one block can hold here in the given window: the longest such piece, full.</summary>
    public int LargestBlock(AvailabilityWindow window) => _largestPieceFit[(int)window];

    /// <summary>Whole minutes a slot of <paramref name="members"/> takes, rounded up so that capacity is never exceeded.</summary>
    public int Minutes(int members) =>
        members <= 0 ? 0 : (int)Math.Ceiling((members / MembersPerMinute) - Tolerance);

    /// <summary>The most members whose slot fits in <paramref name="minutes"/>.</summary>
    public int Fit(int minutes)
    {
        if (minutes <= 0)
        {
            return 0;
        }

        // The estimate can be off by one either way from floating point; settle it on the exact rounding rule.
        var members = (int)Math.Floor((minutes * MembersPerMinute) + Tolerance);
        while (members > 0 && Minutes(members) > minutes)
        {
            members--;
        }

        while (Minutes(members + 1) <= minutes)
        {
            members++;
        }

        return members;
    }

    public static AvailabilityWindow WindowOf(DayOfWeek day, int minute) =>
        day is DayOfWeek.Saturday or DayOfWeek.Sunday ? AvailabilityWindow.Weekend
        : minute < EveningStartMinute ? AvailabilityWindow.WeekdayDaytime
        : AvailabilityWindow.WeekdayEvening;

    private void NoteLargest(OpeningPiece[] pieces)
    {
        foreach (var piece in pieces)
        {
            var fit = Fit(piece.Minutes);
            if (fit > _largestPieceFit[(int)piece.Window])
            {
                _largestPieceFit[(int)piece.Window] = fit;
            }
        }
    }

    private static OpeningPiece[] Cut(DayOfWeek day, IReadOnlyList<OpeningInterval> intervals)
    {
        var weekend = day is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var pieces = new List<OpeningPiece>();
        foreach (var interval in intervals.OrderBy(interval => interval.Start))
        {
            // Slots start and end on whole minutes, so only the whole minutes inside the interval are usable.
            var start = (int)((interval.Start.Ticks + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute);
            var end = (int)(interval.End.Ticks / TimeSpan.TicksPerMinute);
            if (end <= start)
            {
                continue;
            }

            if (weekend)
            {
                pieces.Add(new OpeningPiece(start, end, AvailabilityWindow.Weekend));
                continue;
            }

            if (start < EveningStartMinute)
            {
                pieces.Add(new OpeningPiece(start, Math.Min(end, EveningStartMinute), AvailabilityWindow.WeekdayDaytime));
            }

            if (end > EveningStartMinute)
            {
                pieces.Add(new OpeningPiece(Math.Max(start, EveningStartMinute), end, AvailabilityWindow.WeekdayEvening));
            }
        }

        return [.. pieces];
    }
}
