using System.Globalization;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>
/// What the member list shows, as its address says it (<c>/members?q=&amp;cell=&amp;status=&amp;page=&amp;size=</c>):
/// read leniently, because people paste and edit links. A value that does not parse (<c>cell=abc</c>,
/// <c>page=-3</c>, <c>status=Nope</c>) is ignored, never an error.
/// </summary>
public sealed record MemberListState(string? Text, int? CellId, MemberFilter Filter, int Page, int PageSize)
{
    public static readonly MemberListState Default = new(null, null, MemberFilter.All, 1, MemberQueries.PageSize);

    public static MemberListState Parse(string? text, string? cell, string? status, string? page, string? size) => new(
        string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var cellId) && cellId > 0 ? cellId : null,
        Enum.TryParse<MemberFilter>(status, ignoreCase: true, out var filter) && Enum.IsDefined(filter) && !char.IsAsciiDigit(status![0]) ? filter : MemberFilter.All,
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : 1,
        int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) && MemberQueries.PageSizes.Contains(rows) ? rows : MemberQueries.PageSize);

    /// <summary>The grid's sort column (its property name) as the query's sort.</summary>
    public static MemberSort SortOf(string? column) => column switch
    {
        nameof(MemberRow.IdNumber) => MemberSort.IdNumber,
        nameof(MemberRow.BirthYear) => MemberSort.Birth,
        nameof(MemberRow.CellName) => MemberSort.Cell,
        _ => MemberSort.Name,
    };

    public MemberListQuery ToQuery(MemberSort sort, bool descending) => new(Text, CellId, Filter, Page, PageSize, sort, descending);

    /// <summary>The address's query values; defaults are left out (null removes the parameter).</summary>
    public IReadOnlyDictionary<string, object?> QueryParameters() => new Dictionary<string, object?>
    {
        ["q"] = Text,
        ["cell"] = CellId,
        ["status"] = Filter == MemberFilter.All ? null : Filter.ToString(),
        ["page"] = Page > 1 ? Page : null,
        ["size"] = PageSize == MemberQueries.PageSize ? null : PageSize,
    };
}
