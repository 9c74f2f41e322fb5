namespace PartyCardIntake.Core.Planning;

/// <summary>
/// Keeps the order of cells from costing days. Cells are served in the committee's order, but a cell that
/// may come at any time can take, say, the last working-hours capacity that a working-hours-only cell
/// further down the list needed; that cell then waits for the next working day although the devices
/// stood idle at the weekend. The guard knows the earliest day by which availability allows everybody
/// to be served (the target) and how much capacity each window still has until then. It refuses a cell
/// for a window only when taking it would leave members who cannot come at other times without room
/// before the target. Early in a plan there is slack everywhere and the order rules alone.
/// </summary>
/// <remarks>
/// Feasibility is Hall's condition for a transport problem: for every set of windows, the members who can
/// come only in those windows must fit in their capacity. Three windows make seven sets, so the check
/// is cheap enough to run before every slot. Capacity is counted as whole members a full piece can hold;
/// rounding slots up to whole minutes wastes some of it, so that much is kept aside, and if the target
/// still cannot be held it moves a day on. Windows no site ever opens in are left out: members who can
/// come only then are unscheduled whatever happens and must not switch the guard off for everybody else.
/// </remarks>
internal sealed class FinishGuard
{
    private const int Windows = 3;
    private const int Sets = 1 << Windows;

    private readonly IReadOnlyList<SiteCalendar> _sites;
    private readonly DateOnly _start;
    private readonly DateOnly _horizon;
    // Per site: capacity in each window summed over the days from the start up to (not including) index.
    private readonly List<long[]>[] _cumulative;
    private readonly long[] _slack = new long[Sets];
    private readonly long[] _margin = new long[Sets];
    private readonly int _lossPerSlot;
    private readonly int _openWindows;
    private readonly long[] _capacity = new long[Windows];
    private SiteCalendar? _site;
    private int _roomMinutes;

    public FinishGuard(IReadOnlyList<SiteCalendar> sites, DateOnly start, DateOnly horizon, CellQueue cells)
    {
        _sites = sites;
        _start = start;
        _horizon = horizon;
        _cumulative = [.. sites.Select(_ => new List<long[]> { new long[Windows] })];
        _lossPerSlot = sites.Count == 0 ? 0 : sites.Max(site => site.LossPerSlot);
        _openWindows = Enum.GetValues<AvailabilityWindow>()
            .Where(window => sites.Any(site => site.LargestBlock(window) > 0))
            .Aggregate(0, (set, window) => set | Bit(window));
        Active = cells.RemainingMembers > 0 && FindTarget(cells);
    }

    /// <summary>False once no day before the horizon can take everybody; the order alone decides then.</summary>
    public bool Active { get; private set; }

    /// <summary>The day by which the plan aims to have served everybody.</summary>
    public DateOnly Target { get; private set; }

    public static int Bit(AvailabilityWindow window) => 1 << ((int)window - 1);

    /// <summary>
    /// Recomputes the slack from where the sites stand now, moving the target on if it cannot be held, before
    /// a slot is placed at <paramref name="next"/>.
    /// </summary>
    public void Update(IReadOnlyList<SiteCursor> cursors, CellQueue cells, SiteCursor next)
    {
        _site = next.Site;
        _roomMinutes = next.Piece.EndMinute - next.Minute;
        while (Active)
        {
            CapacityAhead(cursors);
            if (ComputeSlack(_capacity, cells))
            {
                return;
            }

            if (Target.AddDays(1) >= _horizon)
            {
                Active = false;
                return;
            }

            Target = Target.AddDays(1);
        }
    }

    /// <summary>
    /// Whether <paramref name="members"/> of a cell that can come in <paramref name="cellWindows"/> may take
    /// the next slot, which lies in <paramref name="window"/>.
    /// </summary>
    public bool Allows(int cellWindows, AvailabilityWindow window, int members)
    {
        if (!Active || _site is null)
        {
            return true;
        }

        // A slot rounded up to whole minutes can cost the piece one member more than it holds.
        var used = Bit(window);
        var cost = _site.Fit(_roomMinutes) - _site.Fit(_roomMinutes - _site.Minutes(members));
        for (var set = 1; set < Sets; set++)
        {
            // Only sets that lose this window's capacity without losing the cell's members get tighter.
            if ((set & used) != 0 && (cellWindows & _openWindows & ~set) != 0 && _slack[set] - _margin[set] < cost)
            {
                return false;
            }
        }

        return true;
    }

    private bool FindTarget(CellQueue cells)
    {
        var capacity = new long[Windows];
        for (var date = _start; date < _horizon; date = date.AddDays(1))
        {
            var day = date.DayNumber - _start.DayNumber;
            EnsureDays(day + 1);
            Array.Clear(capacity);
            for (var site = 0; site < _sites.Count; site++)
            {
                for (var window = 0; window < Windows; window++)
                {
                    capacity[window] += _cumulative[site][day + 1][window];
                }
            }

            if (ComputeSlack(capacity, cells))
            {
                Target = date;
                
                return true;
            }
        }

        return false;
    }

    /// <summary>Whole members each window can still take from every site's next free minute to the end of the target day.</summary>
    private void CapacityAhead(IReadOnlyList<SiteCursor> cursors)
    {
        Array.Clear(_capacity);
        var target = Target.DayNumber - _start.DayNumber;
        EnsureDays(target + 1);
        foreach (var cursor in cursors)
        {
            if (!cursor.HasPiece || cursor.Date > Target)
            {
                continue;
            }

            var site = cursor.Site;
            _capacity[(int)cursor.Piece.Window - 1] += site.Fit(cursor.Piece.EndMinute - cursor.Minute);
            foreach (var piece in cursor.LaterPiecesToday)
            {
                _capacity[(int)piece.Window - 1] += site.Fit(piece.Minutes);
            }

            var today = cursor.Date.DayNumber - _start.DayNumber;
            var cumulative = _cumulative[site.Index];
            for (var window = 0; window < Windows; window++)
            {
                _capacity[window] += cumulative[target + 1][window] - cumulative[today + 1][window];
            }
        }
    }

    private bool ComputeSlack(long[] capacity, CellQueue cells)
    {
        var feasible = true;
        for (var set = 1; set < Sets; set++)
        {
            var slack = 0L;
            for (var window = 0; window < Windows; window++)
            {
                if ((set & (1 << window)) != 0)
                {
                    slack += capacity[window];
                }
            }

            var slots = 0L;
            for (var cellWindows = 1; cellWindows < Sets; cellWindows++)
            {
                var usable = cellWindows & _openWindows;
                if (usable != 0 && (usable & ~set) == 0)
                {
                    slack -= cells.RemainingIn(cellWindows);
                    slots += cells.WaitingCellsIn(cellWindows);
                }
            }

            _slack[set] = slack;
            // Capacity is counted per whole piece, but the members still to come arrive in slots of their own,
            // each rounded up; keep that much aside so that the restricted members are not left one short.
            _margin[set] = (slots + 1) * _lossPerSlot;
            feasible &= slack >= 0;
        }

        return feasible;
    }

    private void EnsureDays(int days)
    {
        for (var site = 0; site < _sites.Count; site++)
        {
            var cumulative = _cumulative[site];
            while (cumulative.Count <= days)
            {
                var date = _start.AddDays(cumulative.Count - 1);
                var next = (long[])cumulative[^1].Clone();
                foreach (var piece in _sites[site].PiecesOn(date))
                {
                    next[(int)piece.Window - 1] += _sites[site].Fit(piece.Minutes);
                }

                cumulative.Add(next);
            }
        }
    }
}
