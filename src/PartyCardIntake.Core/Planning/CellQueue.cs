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
    private readonly int[] _largestBlock;
    private readonly int[][] _byWindow = new int[4][];
    private readonly int[] _head = new int[4];

    public CellQueue(IReadOnlyList<PlanCell> cells, IReadOnlyList<SiteCalendar> sites)
    {
        Cells = cells;
        _remaining = cells.Select(cell => cell.Members).ToArray();
        RemainingMembers = _remaining.Sum(members => (long)members);
        _largestBlock = new int[cells.Count];
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
        RemainingMembers -= members;
    }

    /// <summary>An empty availability means the members can come at any time.</summary>
    public static IReadOnlyCollection<AvailabilityWindow> WindowsOf(PlanCell cell) =>
        cell.Availability.Count == 0 ? AllWindows : cell.Availability;

    /// <summary>Whether any member who can come in one of these windows is still waiting.</summary>
    public bool AnyWaiting(IEnumerable<AvailabilityWindow> windows) =>
        windows.Any(window => FirstWaiting(window) >= 0);

    /// <summary>
    /// The cell to put next into a piece of the given window with room for <paramref name="room"/> members,
    /// or -1 when no compatible member is waiting.
    /// </summary>
    public int Choose(AvailabilityWindow window, int room)
    {
        var head = FirstWaiting(window);
        if (head < 0)
        {
            return -1;
        }

        var candidates = _byWindow[(int)window];
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
                if (_remaining[cell] == 0)
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
