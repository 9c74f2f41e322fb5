using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;

namespace PartyCardIntake.IntegrationTests.Web;

public abstract partial class HomePageTests(AppFixture app)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task The_commune_home_shows_the_communes_own_counts()
    {
        await using var db = app.SystemContext();
        var members = await db.PartyMembers.CountAsync(m => m.CommuneId == app.CommuneOne);
        var eligible = await db.PartyMembers.CountAsync(m => m.CommuneId == app.CommuneOne && m.Exemption == null);

        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var html = await client.GetStringAsync("/");
        Stat(html, "stat-members").Should().Be(members.ToString("N0", Vietnamese));
        Stat(html, "stat-eligible").Should().Be(eligible.ToString("N0", Vietnamese));
    }

    [Fact]
    public async Task Cells_are_listed_in_natural_vietnamese_order()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var html = await client.GetStringAsync("/");
        var numbers = CellNumber().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        // The table's first page shows the numbered cells from 1 on; in text order "số 10" would come right after "số 1".
        numbers.Should().HaveCountGreaterThanOrEqualTo(5).And.Equal(Enumerable.Range(1, numbers.Count));
    }

    [Fact]
    public async Task The_province_home_sums_its_communes()
    {
        await using var db = app.SystemContext();
        var eligible = await db.PartyMembers.CountAsync(m => m.Exemption == null);

        using var client = await app.SignedInClientAsync(DemoAccounts.Province);
        var html = await client.GetStringAsync("/");
        Stat(html, "stat-eligible").Should().Be(eligible.ToString("N0", Vietnamese));
        foreach (var shape in DemoPopulationGenerator.DefaultShapes)
        {
            html.Should().Contain(shape.Name);
        }
    }

    private static string Stat(string html, string testId) =>
        Regex.Match(html, $"data-testid=\"{testId}\">([^<]*)<").Groups[1].Value;

    [GeneratedRegex(">Chi bộ [^<]* số ([0-9]+)</a>")]
    private static partial Regex CellNumber();

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : HomePageTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : HomePageTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : HomePageTests(app);
}
