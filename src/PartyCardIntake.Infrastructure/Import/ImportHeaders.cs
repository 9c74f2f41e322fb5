using System.Collections.Frozen;
using System.Text;
using PartyCardIntake.Core.Text;

namespace PartyCardIntake.Infrastructure.Import;

/// <summary>
/// The header names a member file may use. The party-member software, older committee
/// spreadsheets and people typing their own files all spell them differently, so names are
/// compared by a key: any "(...)" note removed ("Ngày sinh (dd/mm/yyyy)"), folded to lower case
/// without diacritics, and stripped of everything but letters and digits.
/// </summary>
public static class ImportHeaders
{
    public static IReadOnlyList<ImportColumn> Required { get; } =
        [ImportColumn.IdNumber, ImportColumn.FullName, ImportColumn.DateOfBirth, ImportColumn.Sex, ImportColumn.PartyCell];

    /// <summary>The header each column has in the template (whose column order is that of <see cref="ImportColumn"/>).</summary>
    public static IReadOnlyDictionary<ImportColumn, string> Canonical { get; } = new Dictionary<ImportColumn, string>
    {
        [ImportColumn.IdNumber] = "Số định danh cá nhân",
        [ImportColumn.FullName] = "Họ và tên",
        [ImportColumn.DateOfBirth] = "Ngày sinh",
        [ImportColumn.Sex] = "Giới tính",
        [ImportColumn.PartyCell] = "Chi bộ",
        [ImportColumn.PartyCardNumber] = "Số thẻ đảng",
        [ImportColumn.JoinedOn] = "Ngày vào Đảng",
        [ImportColumn.Phone] = "Điện thoại",
        [ImportColumn.Address] = "Địa chỉ",
    }.ToFrozenDictionary();

    /// <summary>Every accepted header per column, as written; matching uses <see cref="Key"/>.</summary>
    public static IReadOnlyDictionary<ImportColumn, IReadOnlyList<string>> Synonyms { get; } = new Dictionary<ImportColumn, IReadOnlyList<string>>
    {
        [ImportColumn.IdNumber] = ["Số định danh cá nhân", "Số định danh", "Số CCCD", "CCCD", "Số căn cước", "id", "idnumber"],
        [ImportColumn.FullName] = ["Họ và tên", "Họ tên", "fullname"],
        [ImportColumn.DateOfBirth] = ["Ngày sinh", "Ngày tháng năm sinh", "Năm sinh", "dateofbirth"],
        [ImportColumn.Sex] = ["Giới tính", "sex"],
        [ImportColumn.PartyCell] = ["Chi bộ", "Chi bộ trực thuộc", "partycell"],
        [ImportColumn.PartyCardNumber] = ["Số thẻ đảng", "Số thẻ đảng viên", "partycardnumber"],
        [ImportColumn.JoinedOn] = ["Ngày vào Đảng", "joinedon"],
        [ImportColumn.Phone] = ["Điện thoại", "Số điện thoại", "SĐT", "phone"],
        [ImportColumn.Address] = ["Địa chỉ", "Nơi thường trú", "Địa chỉ thường trú", "address"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, ImportColumn> ByKey = Synonyms
        .SelectMany(pair => pair.Value.Select(name => (Key: Key(name), Column: pair.Key)))
        .ToFrozenDictionary(entry => entry.Key, entry => entry.Column, StringComparer.Ordinal);

    /// <summary>The column a header names, or null for a column the import does not read.</summary>
    public static ImportColumn? Match(string? header) =>
        ByKey.TryGetValue(Key(header), out var column) ? column : null;

    /// <summary>"Số CCCD (12 số)*" → "socccd".</summary>
    public static string Key(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return string.Empty;
        }

        var withoutNotes = new StringBuilder(header.Length);
        var depth = 0;
        foreach (var ch in header)
        {
            if (ch == '(')
            {
                depth++;
            }
            else if (ch == ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                withoutNotes.Append(ch);
            }
        }

        var folded = VietnameseText.Fold(withoutNotes.ToString());
        var key = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (char.IsLetterOrDigit(ch))
            {
                key.Append(ch);
            }
        }

        return key.ToString();
    }

    /// <summary>
    /// Cell index of each column in a header row (-1 when absent). When two headers name the same
    /// column the first one counts, as a reader scanning the sheet from the left would take it.
    /// </summary>
    internal static int[] Map(IReadOnlyList<string?> headerCells)
    {
        var map = new int[Enum.GetValues<ImportColumn>().Length];
        Array.Fill(map, -1);
        for (var i = 0; i < headerCells.Count; i++)
        {
            if (Match(headerCells[i]) is { } column && map[(int)column] < 0)
            {
                map[(int)column] = i;
            }
        }

        return map;
    }

    internal static IReadOnlyList<ImportColumn> Missing(int[] map) =>
        Required.Where(column => map[(int)column] < 0).ToList();
}
