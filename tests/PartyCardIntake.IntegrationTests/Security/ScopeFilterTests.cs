using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;
using Xunit;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>
/// Each kind of scope has its own shape of query filters: a commune's compare one column (no joins, so the desk's
/// lookups stay cheap), a province's go through the commune, the system's have none. The rows each one sees are
/// checked by <see cref="TenantIsolationTests"/>; these check the shapes and the edges.
/// </summary>
public sealed class ScopeFilterTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.Create(DatabaseProvider.Sqlite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public void A_commune_scope_filters_applications_without_joins()
    {
        using var db = database.CreateContext(DataScope.ForCommune(1, 1));
        var sql = db.Applications.Where(a => a.MemberId == 5 && a.State != ApplicationState.Cancelled).ToQueryString();
        sql.Should().NotContain("JOIN").And.Contain("\"CommuneId\" = @ef_filter___communeId");
    }

    [Fact]
    public void A_province_scope_reaches_the_province_through_the_commune()
    {
        using var db = database.CreateContext(DataScope.ForProvince(1));
        var sql = db.Applications.Where(a => a.MemberId == 5).ToQueryString();
        sql.Should().Contain("JOIN").And.Contain("\"ProvinceId\" = @ef_filter___provinceId");
        db.MemberImports.ToQueryString().Should().Contain("WHERE 0");
    }

    [Fact]
    public void The_system_scope_has_no_filter()
    {
        using var db = database.CreateContext(DataScope.System);
        db.Applications.Where(a => a.MemberId == 5).ToQueryString().Should().NotContain("ef_filter");
    }

    [Fact]
    public async Task Nobody_sees_no_row()
    {
        await database.MigrateAsync();
        await using (var system = database.CreateContext(DataScope.System))
        {
            await ScopeData.SeedAsync(system);
            (await system.PartyMembers.CountAsync()).Should().BePositive();
        }

        await using var db = database.CreateContext(DataScope.Nobody);
        (await db.Communes.CountAsync()).Should().Be(0);
        (await db.PartyMembers.CountAsync()).Should().Be(0);
        (await db.Provinces.CountAsync()).Should().Be(0);
    }
}
