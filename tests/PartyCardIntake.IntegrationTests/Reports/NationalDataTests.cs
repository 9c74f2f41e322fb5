using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Reporting;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Tests.Shared.NationalData;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>
/// The national data generator at a tiny size writes what the application would have written: progress counts
/// equal to a recount of the records, member counts equal to the members, and dashboard figures equal to a raw
/// recomputation. PostgreSQL only: the generator loads with COPY.
/// </summary>
public sealed class NationalDataTests : IAsyncLifetime
{
    private static readonly NationalDataOptions Tiny = new() { Provinces = 2, Communes = 5, Members = 3_000, FirstProvinceMembers = 0, Days = 10 };

    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.PostgreSql);
    private NationalDataSummary _summary = null!;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _summary = await NationalDataWriter.WriteAsync(_database.ConnectionString!, NationalShape.Create(Tiny));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_generated_counts_equal_a_recount_of_the_generated_records()
    {
        await using var db = _database.CreateContext(DataScope.System);
        var records = await ApplicationCounts.FromRecordsAsync(db, null);

        (await ApplicationCounts.StoredAsync(db, null)).Should().BeEquivalentTo(records);
        records.Values.Sum().Should().Be((int)_summary.Applications).And.BeGreaterThan(2_500);
        records.Keys.Select(k => k.State).Distinct().Should().BeEquivalentTo(Enum.GetValues<ApplicationState>(), "every state occurs");
        records.Keys.Select(k => k.Verification).Distinct().Should().BeEquivalentTo(Enum.GetValues<VerificationStatus>(), "every verification occurs");
        records.Keys.Select(k => k.Day).Distinct().Should().HaveCountGreaterThan(5);
    }

    [Fact]
    public async Task The_communes_member_counts_equal_their_members()
    {
        await using var db = _database.CreateContext(DataScope.System);
        var stored = await db.Communes.ToDictionaryAsync(c => c.Id, c => (c.EligibleMembers, c.ExcusedMembers));
        var counted = await db.PartyMembers.GroupBy(m => m.CommuneId)
            .Select(g => new { g.Key, Eligible = g.Count(m => m.Exemption == null), Excused = g.Count(m => m.Exemption != null) })
            .ToDictionaryAsync(g => g.Key, g => (g.Eligible, g.Excused));

        stored.Should().HaveCount(Tiny.Communes).And.BeEquivalentTo(counted);
        stored.Values.Sum(v => v.ExcusedMembers).Should().BePositive();
    }

    [Fact]
    public async Task Province_and_national_figures_equal_a_raw_recomputation()
    {
        await using var db = _database.CreateContext(DataScope.System);
        await using var raw = new NpgsqlConnection(_database.ConnectionString);
        await raw.OpenAsync();
        var date = Tiny.LastDay;

        var national = await ProgressFigures.NationalAsync(db, date);

        national.Should().HaveCount(Tiny.Provinces);
        national.SelectMany(p => p.Communes).Should().Equal(await RawProgressFigures.CommunesAsync(raw, null, date));
        national.Sum(p => p.ReceivedToday).Should().BePositive();
        foreach (var province in national)
        {
            await using var scoped = _database.CreateContext(DataScope.ForProvince(province.ProvinceId));
            var figures = await ProgressFigures.ProvinceAsync(scoped, province.ProvinceId, date);
            figures!.Communes.Should().Equal(await RawProgressFigures.CommunesAsync(raw, province.ProvinceId, date));
            figures.Communes.Should().Equal(province.Communes);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_country()
    {
        var first = NationalShape.Create(Tiny);
        var second = NationalShape.Create(Tiny);

        second.Communes.Should().Equal(first.Communes);
        first.Communes.Sum(c => c.Members).Should().Be(Tiny.Members);
    }
}

/// <summary>
/// The SQL Server generator (SqlBulkCopy) at the same tiny size: what it writes agrees with a recount. Only with
/// PARTYCARD_TEST_SQLSERVER set; skipped otherwise.
/// </summary>
public sealed class SqlServerNationalDataTests : IAsyncLifetime
{
    private static readonly NationalDataOptions Tiny = new() { Provinces = 2, Communes = 5, Members = 3_000, FirstProvinceMembers = 0, Days = 10 };

    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.SqlServer);
    private NationalDataSummary _summary = null!;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _summary = await SqlServerNationalDataWriter.WriteAsync(_database.ConnectionString!, NationalShape.Create(Tiny));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_generated_counts_and_member_counts_equal_a_recount()
    {
        await using var db = _database.CreateContext(DataScope.System);
        var records = await ApplicationCounts.FromRecordsAsync(db, null);
        (await ApplicationCounts.StoredAsync(db, null)).Should().BeEquivalentTo(records);
        records.Values.Sum().Should().Be((int)_summary.Applications);
        (await db.Communes.SumAsync(c => c.EligibleMembers + c.ExcusedMembers)).Should().Be(await db.PartyMembers.CountAsync());
    }
}
