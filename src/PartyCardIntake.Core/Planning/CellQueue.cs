namespace PartyCardIntake.Core.Planning;

/// <summary>
/// The cells still to serve, in the committee's order ("cuốn chiếu"), and the choice of which cell goes
/// next into a piece of site time.
/// </summary>
internal sealed class CellQueue
{
    /// <summary>
    /// How many later cells are considered to fill the end of a piece. A few is enough to find a small cell
    /// among realistic sizes, while the order the committee chose is still followed closely.
    /// </summary>
    public const int LookAhead = 8;

    private static readonly AvailabilityWindow[] AllWindows =
        [AvailabilityWindow.WeekdayDaytime, AvailabilityWindow.WeekdayEvening, AvailabilityWindow.Weekend];

    private readonly int[] _remaining;
    private readonly int[] _windows;
    private readonly long[] _remainingByWindows = new long[8];
    private readonly int[] _waitingCellsByWindows = new int[8];
    private readonly int[] _largestBlock;
    private readonly int[][] _byWindow = new int[4][];
    private readonly int[] _head = new int[4];

    public CellQueue(IReadOnlyList<PlanCell> cells, IReadOnlyList<SiteCalendar> sites)
    {
        Cells = cells;
        _remaining = cells.Select(cell => cell.Members).ToArray();
        RemainingMembers = _remaining.Sum(members => (long)members);
        _largestBlock = new int[cells.Count];
        _windows = [.. cells.Select(cell => WindowsOf(cell).Aggregate(0, (set, window) => set | FinishGuard.Bit(window)))];
        for (var index = 0; index < cells.Count; index++)
        {
            _remainingByWindows[_windows[index]] += _remaining[index];
            if (_remaining[index] > 0)
            {
                _waitingCellsByWindows[_windows[index]]++;
            }
        }

        var byWindow = new List<int>[4];
        foreach (var window in AllWindows)
        {
            byWindow[(int)window] = [];
        }

        for (var index = 0; index < cells.Count; index++)
        {
            foreach (var window in WindowsOf(cells[index]))
            {
                byWindow[(int)window].Add(index);
                foreach (var site in sites)
                {
                    _largestBlock[index] = Math.Max(_largestBlock[index], site.LargestBlock(window));
                }
            }
        }

        foreach (var window in AllWindows)
        {
            _byWindow[(int)window] = [.. byWindow[(int)window]];
        }
    }

    public IReadOnlyList<PlanCell> Cells { get; }

    public long RemainingMembers { get; private set; }

    public int Remaining(int cell) => _remaining[cell];

    public void Take(int cell, int members)
    {
        _remaining[cell] -= members;
        _remainingByWindows[_windows[cell]] -= members;
        if (_remaining[cell] == 0)
        {
            _waitingCellsByWindows[_windows[cell]]--;
        }

        RemainingMembers -= members;
    }

    /// <summary>Members left in cells that can come in exactly this set of windows (bits of <see cref="FinishGuard.Bit"/>).</summary>
    public long RemainingIn(int windows) => _remainingByWindows[windows];

    /// <summary>Cells with members left that can come in exactly this set of windows.</summary>
    public int WaitingCellsIn(int windows) => _waitingCellsByWindows[windows];

    /// <summary>An empty availability means the members can come at any time.</summary>
    public static IReadOnlyCollection<AvailabilityWindow> WindowsOf(PlanCell cell) =>
        cell.Availability.Count == 0 ? AllWindows : cell.Availability;

    /// <summary>Whether any member who can come in one of these windows is still waiting.</summary>
    public bool AnyWaiting(IEnumerable<AvailabilityWindow> windows) =>
        windows.Any(window => FirstWaiting(window) >= 0);

    /// <summary>
    /// The cell to put next into a piece of the given window with room for <paramref name="room"/> members,
    /// or -1 when no compatible member is waiting. Cells the guard holds back are passed over while another
    /// compatible cell can go; the devices are never left idle because of it.
    /// </summary>
    public int Choose(AvailabilityWindow window, int room, FinishGuard? guard = null)
    {
        if (guard is { Active: true })
        {
            var allowed = Choose(window, room, cell => guard.Allows(_windows[cell], window, Math.Min(_remaining[cell], room)));
            if (allowed >= 0)
            {
                return allowed;
            }
        }

        return Choose(window, room, static _ => true);
    }

    private int Choose(AvailabilityWindow window, int room, Func<int, bool> allowed)
    {
        var candidates = _byWindow[(int)window];
        var head = FirstWaiting(window);
        if (head < 0)
        {
            return -1;
        }

        while (head < candidates.Length && (_remaining[candidates[head]] == 0 || !allowed(candidates[head])))
        {
            head++;
        }

        if (head == candidates.Length)
        {
            return -1;
        }

        var first = candidates[head];
        if (_remaining[first] <= room)
        {
            return first;
        }

        // Starting the first cell here would cut it in two although a fresh piece could hold it whole.
        // A later cell that fits the rest of this piece completely goes first instead; the first cell then
        // opens the next piece as one block. A cell larger than any piece is split anyway, so it never waits.
        if (_remaining[first] <= _largestBlock[first])
        {
            var looked = 0;
            for (var next = head + 1; next < candidates.Length && looked < LookAhead; next++)
            {
                var cell = candidates[next];
                if (_remaining[cell] == 0 || !allowed(cell))
                {
                    continue;
                }

                looked++;
                if (_remaining[cell] <= room)
                {
                    return cell;
                }
            }
        }

        // Nothing fits whole: the first cell fills the piece rather than leaving devices idle.
        return first;
    }

    /// <summary>Position in the window's list of the first cell with members left, or -1.</summary>
    private int FirstWaiting(AvailabilityWindow window)
    {
        var candidates = _byWindow[(int)window];
        ref var head = ref _head[(int)window];
        // Cells only ever lose members, so the head never needs to move back.
        while (head < candidates.Length && _remaining[candidates[head]] == 0)
        {
            head++;
        }

        return head < candidates.Length ? head : -1;
    }
}
