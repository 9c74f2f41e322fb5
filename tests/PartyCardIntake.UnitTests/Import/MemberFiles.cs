using System.Text;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;

namespace PartyCardIntake.UnitTests.Import;

/// <summary>Builds member files in memory and parses them on a fixed day.</summary>
internal static class MemberFiles
{
    public static readonly DateOnly Today = new(2025, 8, 15);

    public static string[] Header { get; } =
        ["Số định danh cá nhân", "Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ", "Số thẻ đảng", "Ngày vào Đảng", "Điện thoại", "Địa chỉ"];

    /// <summary>A man born 15/03/1985 in Phú Thọ (025), whose ID agrees with both.</summary>
    public static string[] ValidRow() =>
        ["025085004321", "Trần Văn Minh", "15/03/1985", "Nam", "Chi bộ Khu phố 1", "21034567", "19/05/2012", "0912345678", "Tổ 3, khu phố 1, phường Kỳ Sơn"];

    public static string[] With(this string[] row, ImportColumn column, string value)
    {
        var copy = (string[])row.Clone();
        copy[(int)column] = value;
        return copy;
    }

    public static string Id(Sex sex, int birthYear, int serial, string province = "025") =>
        PersonalIdNumber.Create(province, sex, birthYear, serial).Value;

    public static byte[] Csv(IEnumerable<string[]> rows, char separator = ',', bool bom = false, string newLine = "\r\n")
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(separator, row.Select(value => Quote(value, separator))).Append(newLine);
        }

        return Bytes(text.ToString(), bom);
    }

    public static byte[] Bytes(string text, bool bom = false)
    {
        var body = Encoding.UTF8.GetBytes(text);
        return bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    public static ImportParseResult Parse(byte[] data, string fileName = "dang-vien.csv", ImportLimits? limits = null) =>
        MemberFileParser.Parse(new MemoryStream(data), fileName, Today, limits);

    public static ImportParseResult ParseRows(params string[][] rows) => Parse(Csv([Header, .. rows]));

    /// <summary>The errors of the only data row, as (column, code).</summary>
    public static IEnumerable<(ImportColumn? Column, string Code)> ErrorsOf(ImportParseResult result) =>
        result.Errors.Select(error => (error.Column, error.Code));

    private static string Quote(string value, char separator) =>
        value.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
