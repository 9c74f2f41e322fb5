using PartyCardIntake.Core.Reporting;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Components;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>Columns the province's commune table can be ordered by (<c>sort=</c> in the address).</summary>
public enum CommuneSort
{
    Code,
    Name,
    Eligible,
    Received,
    Percent,
    Yesterday,
    Finish,
    Late,
}

/// <summary>How the commune table is ordered and filtered; it travels in the query string.</summary>
public sealed record DashboardQuery(CommuneSort Sort, bool Desc, string? Text, bool AtRiskOnly)
{
    public static DashboardQuery Default { get; } = new(CommuneSort.Code, false, null, false);

    /// <summary>Unknown sort names fall back to the code; blank text means no filter.</summary>
    public static DashboardQuery From(string? sort, bool? desc, string? text, bool? atRiskOnly) => new(
        Enum.TryParse<CommuneSort>(sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : CommuneSort.Code,
        desc ?? false,
        string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        atRiskOnly ?? false);

    /// <summary>"true" (any case) turns a switch of the address on; anything else leaves it off.</summary>
    public static bool Flag(string? value) => bool.TryParse(value, out var on) && on;

    public IReadOnlyList<CommuneFigures> Apply(IEnumerable<CommuneFigures> communes)
    {
        ArgumentNullException.ThrowIfNull(communes);
        var folded = Text is null ? null : VietnameseText.Fold(Text);
        var rows = communes
            .Where(c => !AtRiskOnly || c.AtRisk)
            .Where(c => folded is null || c.Code.Contains(Text!, StringComparison.Ordinal) || VietnameseText.Fold(c.Name).Contains(folded, StringComparison.Ordinal));
        return Order(rows).ToList();
    }

    /// <summary>The address of this view with another order: a second click on the same column reverses it.</summary>
    public string Link(string path, CommuneSort sort, string date) =>
        With(path, date, sort, sort == Sort && !Desc);

    /// <summary>The address of this very view under another path (its PDF or XLSX).</summary>
    public string Link(string path, string date) => With(path, date, Sort, Desc);

    private string With(string path, string date, CommuneSort sort, bool desc)
    {
        var query = new Dictionary<string, string?>
        {
            ["date"] = date,
            ["sort"] = sort.ToString().ToLowerInvariant(),
            ["desc"] = desc ? "true" : null,
            ["q"] = Text,
            ["risk"] = AtRiskOnly ? "true" : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, query.Where(p => p.Value is not null));
    }

    /// <summary>Communes without a value (no forecast, no deadline) go last whichever the direction; ties by code.</summary>
    private IOrderedEnumerable<CommuneFigures> Order(IEnumerable<CommuneFigures> rows) => Sort switch
    {
        CommuneSort.Name => Desc ? rows.OrderByDescending(c => c.Name, Labels.NameOrder) : rows.OrderBy(c => c.Name, Labels.NameOrder),
        CommuneSort.Eligible => By(rows, c => c.Eligible),
        CommuneSort.Received => By(rows, c => c.ReceivedTotal),
        CommuneSort.Percent => By(rows, c => c.Percent),
        CommuneSort.Yesterday => By(rows, c => c.ReceivedYesterday),
        CommuneSort.Finish => By(rows, c => c.ForecastFinish?.DayNumber),
        CommuneSort.Late => By(rows, c => c.DaysLate),
        _ => Desc ? rows.OrderByDescending(c => c.Code, StringComparer.Ordinal) : rows.OrderBy(c => c.Code, StringComparer.Ordinal),
    };

    private IOrderedEnumerable<CommuneFigures> By(IEnumerable<CommuneFigures> rows, Func<CommuneFigures, double?> key)
    {
        var ordered = rows.OrderBy(c => key(c) is null ? 1 : 0);
        ordered = Desc ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
        return ordered.ThenBy(c => c.Code, StringComparer.Ordinal);
    }
}

/// <summary>The province's dashboard on a day: totals over all its communes, the table as asked, and the curve.</summary>
public sealed record ProvinceDashboard(ProvinceFigures Figures, IReadOnlyList<CommuneFigures> Rows, CumulativeCurve Curve, DashboardQuery Query, DateTimeOffset PrintedAt)
{
    public DateOnly Date => Figures.Date;

    public int AtRisk => Figures.Communes.Count(c => c.AtRisk);
}
