using System.Diagnostics;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;
using Xunit.Abstractions;
using static PartyCardIntake.UnitTests.Import.MemberFiles;

namespace PartyCardIntake.UnitTests.Import;

/// <summary>
/// A commune-sized file goes through whole. The time is printed for the record, not asserted:
/// a shared test machine is no benchmark (the target lives with the benchmarks).
/// </summary>
public class MemberImportSpeedTests(ITestOutputHelper output)
{
    private const int Members = 20_000;

    [Fact]
    public void Twenty_thousand_generated_csv_rows_parse_to_as_many_valid_members()
    {
        var data = Csv([Header, .. GeneratedRows()], ';', bom: true);

        var result = Timed("CSV", data, "dang-vien.csv");

        result.Errors.Should().BeEmpty();
        result.Valid.Should().HaveCount(Members);
        result.Valid.Select(member => member.IdNumber).Distinct().Should().HaveCount(Members);
    }

    [Fact]
    public void Twenty_thousand_generated_xlsx_rows_parse_to_as_many_valid_members()
    {
        var data = TestXlsx.Build([[.. Header], .. GeneratedRows().Select(row => row.Cast<object?>().ToArray())]);

        var result = Timed("XLSX", data, "dang-vien.xlsx");

        result.Errors.Should().BeEmpty();
        result.Valid.Should().HaveCount(Members);
    }

    private ImportParseResult Timed(string format, byte[] data, string fileName)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = Parse(data, fileName);
        stopwatch.Stop();
        output.WriteLine($"{format}: {Members:N0} rows, {data.Length / 1024.0 / 1024.0:F1} MiB, parsed in {stopwatch.ElapsedMilliseconds} ms");
        return result;
    }

    private static IEnumerable<string[]> GeneratedRows()
    {
        var random = new Random(1789);
        string[] family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
        string[] middle = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Hữu"];
        string[] given = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Mai", "Nam", "Quân", "Thảo"];
        for (var i = 0; i < Members; i++)
        {
            var sex = i % 2 == 0 ? Sex.Male : Sex.Female;
            var year = random.Next(1935, 2006);
            var yearOnly = year < 1950 && i % 3 == 0;
            var birth = new DateOnly(year, random.Next(1, 13), random.Next(1, 29));
            var joined = birth.AddYears(random.Next(18, 40));
            yield return
            [
                Id(sex, year, i),
                $"{family[random.Next(family.Length)]} {middle[random.Next(middle.Length)]} {given[random.Next(given.Length)]}",
                yearOnly ? year.ToString(System.Globalization.CultureInfo.InvariantCulture) : birth.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                sex == Sex.Male ? "Nam" : "Nữ",
                $"Chi bộ Khu phố {1 + (i % 54)}",
                (10_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                joined > Today ? "" : joined.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                $"09{random.Next(10_000_000, 99_999_999)}",
                $"Tổ {1 + (i % 20)}, khu phố {1 + (i % 54)}, phường Kỳ Sơn, tỉnh Phú Thọ",
            ];
        }
    }
}
