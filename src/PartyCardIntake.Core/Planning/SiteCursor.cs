namespace PartyCardIntake.Core.Planning;

/// <summary>Where a site's next free minute is: a date, a piece of that day and a minute within it.</summary>
internal sealed class SiteCursor
{
    private readonly DateOnly _horizon;
    private IReadOnlyList<OpeningPiece> _pieces = [];
    private int _pieceIndex;

    public SiteCursor(SiteCalendar site, DateOnly start, DateOnly horizon)
    {
        Site = site;
        _horizon = horizon;
        Date = start;
        _pieces = site.PiecesOn(start);
        _pieceIndex = -1;
        SkipPiece();
    }

    public SiteCalendar Site { get; }

    public DateOnly Date { get; private set; }

    public int Minute { get; private set; }

    public bool HasPiece => Date < _horizon;

    public OpeningPiece Piece => _pieces[_pieceIndex];

    /// <summary>The whole pieces of today that come after the current one.</summary>
    public IEnumerable<OpeningPiece> LaterPiecesToday
    {
        get
        {
            for (var index = _pieceIndex + 1; index < _pieces.Count; index++)
            {
                yield return _pieces[index];
            }
        }
    }

    /// <summary>Minutes since the calendar's epoch; compares positions across sites.</summary>
    public long Now => ((long)Date.DayNumber * 24 * 60) + Minute;

    public void Advance(int minutes)
    {
        Minute += minutes;
        if (Minute >= Piece.EndMinute)
        {
            SkipPiece();
        }
    }

    public void SkipPiece()
    {
        _pieceIndex++;
        while (_pieceIndex >= _pieces.Count && Date < _horizon)
        {
            Date = Date.AddDays(1);
            _pieces = Date < _horizon ? Site.PiecesOn(Date) : [];
            _pieceIndex = 0;
        }

        Minute = HasPiece ? Piece.StartMinute : 0;
    }
}
