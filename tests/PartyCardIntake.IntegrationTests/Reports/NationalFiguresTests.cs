using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Reporting;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>The national figures are the provinces' own figures, all at once, and stay within the reader's scope.</summary>
public abstract class NationalFiguresTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(provider);
    private ScopeData _data = null!;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await using var db = _database.CreateContext(DataScope.System);
        _data = await ScopeData.SeedAsync(db);
        foreach (var commune in new[] { _data.CommuneA, _data.CommuneB, _data.CommuneC })
        {
            await MemberCounts.RecountAsync(db, commune);
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task National_figures_equal_each_provinces_figures()
    {
        var today = ApplicationCounts.DayOf(DateTime.UtcNow);
        await using var db = _database.CreateContext(DataScope.System);

        var national = await ProgressFigures.NationalAsync(db, today);

        national.Select(p => p.ProvinceId).Should().Equal(_data.ProvinceOne, _data.ProvinceTwo);
        national.Sum(p => p.ReceivedToday).Should().Be(3);
        foreach (var province in national)
        {
            var alone = await ProgressFigures.ProvinceAsync(db, province.ProvinceId, today);
            province.Communes.Should().Equal(alone!.Communes);
            province.Deadline.Should().Be(alone.Deadline);
        }
    }

    [Fact]
    public async Task A_province_user_gets_only_their_province()
    {
        await using var db = _database.CreateContext(DataScope.ForProvince(_data.ProvinceTwo));

        var national = await ProgressFigures.NationalAsync(db, ApplicationCounts.DayOf(DateTime.UtcNow));

        national.Should().ContainSingle().Which.Communes.Select(c => c.CommuneId).Should().Equal(_data.CommuneC);
    }

    public sealed class OnSqlite() : NationalFiguresTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : NationalFiguresTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : NationalFiguresTests(DatabaseProvider.SqlServer);
}
