using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>The data layer itself keeps communes apart, whatever the page code asks for.</summary>
public abstract class CommuneScopeTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(provider);
    private ScopeData _data = null!;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await using var db = _database.CreateContext(DataScope.System);
        _data = await ScopeData.SeedAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_commune_user_sees_only_rows_of_their_commune_in_every_table()
    {
        await using var db = _database.CreateContext(DataScope.ForCommune(_data.CommuneA, _data.ProvinceOne));

        (await db.Communes.Select(c => c.Id).ToListAsync()).Should().Equal(_data.CommuneA);
        (await db.PartyCells.Select(c => c.CommuneId).Distinct().ToListAsync()).Should().Equal(_data.CommuneA);
        (await db.PartyMembers.Select(m => m.CommuneId).ToListAsync()).Should().HaveCount(ScopeData.MembersPerCommune).And.OnlyContain(id => id == _data.CommuneA);
        (await db.IntakeSites.Select(s => s.CommuneId).Distinct().ToListAsync()).Should().Equal(_data.CommuneA);
        (await db.Devices.Select(d => d.CommuneId).Distinct().ToListAsync()).Should().Equal(_data.CommuneA);
        (await db.Applications.Select(a => a.CommuneId).ToListAsync()).Should().Equal(_data.CommuneA);
    }

    [Fact]
    public async Task A_commune_user_cannot_reach_another_communes_rows_even_by_id()
    {
        int foreignMember, foreignCell;
        Guid foreignApplication;
        await using (var system = _database.CreateContext(DataScope.System))
        {
            foreignMember = await system.PartyMembers.Where(m => m.CommuneId == _data.CommuneB).Select(m => m.Id).FirstAsync();
            foreignCell = await system.PartyCells.Where(c => c.CommuneId == _data.CommuneB).Select(c => c.Id).FirstAsync();
            foreignApplication = await system.Applications.Where(a => a.CommuneId == _data.CommuneB).Select(a => a.Id).FirstAsync();
        }

        await using var db = _database.CreateContext(DataScope.ForCommune(_data.CommuneA, _data.ProvinceOne));
        (await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == foreignMember)).Should().BeNull();
        (await db.PartyMembers.CountAsync(m => m.PartyCellId == foreignCell)).Should().Be(0);
        (await db.PartyCells.FindAsync(foreignCell)).Should().BeNull();
        (await db.Applications.FirstOrDefaultAsync(a => a.Id == foreignApplication)).Should().BeNull();
        (await db.Communes.AnyAsync(c => c.Id == _data.CommuneB)).Should().BeFalse();
    }

    [Fact]
    public async Task A_province_user_sees_the_communes_of_their_province_only()
    {
        await using var db = _database.CreateContext(DataScope.ForProvince(_data.ProvinceOne));
        (await db.Provinces.Select(p => p.Id).ToListAsync()).Should().Equal(_data.ProvinceOne);
        (await db.Communes.Select(c => c.Id).OrderBy(id => id).ToListAsync()).Should().Equal(_data.CommuneA, _data.CommuneB);
        (await db.PartyMembers.Select(m => m.CommuneId).Distinct().OrderBy(id => id).ToListAsync()).Should().Equal(_data.CommuneA, _data.CommuneB);
        (await db.Applications.CountAsync()).Should().Be(2);
        (await db.Devices.CountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task A_user_without_scope_sees_nothing()
    {
        await using var db = _database.CreateContext(DataScope.Nobody);
        (await db.Provinces.AnyAsync()).Should().BeFalse();
        (await db.Communes.AnyAsync()).Should().BeFalse();
        (await db.PartyCells.AnyAsync()).Should().BeFalse();
        (await db.PartyMembers.AnyAsync()).Should().BeFalse();
        (await db.IntakeSites.AnyAsync()).Should().BeFalse();
        (await db.Devices.AnyAsync()).Should().BeFalse();
        (await db.Applications.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task The_system_scope_sees_everything()
    {
        await using var db = _database.CreateContext(DataScope.System);
        (await db.Communes.CountAsync()).Should().Be(3);
        (await db.PartyMembers.CountAsync()).Should().Be(3 * ScopeData.MembersPerCommune);
    }

    public sealed class OnSqlite() : CommuneScopeTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : CommuneScopeTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : CommuneScopeTests(DatabaseProvider.SqlServer);
}
