using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

public abstract class ActiveApplicationIndexTests(DatabaseProvider provider) : IAsyncLifetime
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
    public async Task A_second_active_application_for_a_member_is_refused_by_the_database()
    {
        await using var db = _database.CreateContext(DataScope.System);
        var member = await db.PartyMembers.FirstAsync(m => m.CommuneId == _data.CommuneA && db.Applications.Any(a => a.MemberId == m.Id));
        db.Applications.Add(Application.Submit(Guid.NewGuid(), member, null, null, "officer", DateTime.UtcNow));

        var save = () => db.SaveChangesAsync();
        await save.Should().ThrowAsync<DbUpdateException>();
    }

    [Fact]
    public async Task A_cancelled_application_frees_the_member_for_a_new_one()
    {
        int memberId;
        await using (var db = _database.CreateContext(DataScope.System))
        {
            var existing = await db.Applications.FirstAsync(a => a.CommuneId == _data.CommuneB);
            memberId = existing.MemberId;
            existing.Cancel(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext(DataScope.System))
        {
            var member = await db.PartyMembers.SingleAsync(m => m.Id == memberId);
            db.Applications.Add(Application.Submit(Guid.NewGuid(), member, null, null, "officer", DateTime.UtcNow));
            await db.SaveChangesAsync();
            (await db.Applications.CountAsync(a => a.MemberId == memberId)).Should().Be(2);
        }
    }

    [Fact]
    public async Task Concurrent_edits_of_one_application_are_detected()
    {
        await using var first = _database.CreateContext(DataScope.System);
        await using var second = _database.CreateContext(DataScope.System);
        var a1 = await first.Applications.FirstAsync(a => a.CommuneId == _data.CommuneC);
        var a2 = await second.Applications.FirstAsync(a => a.Id == a1.Id);

        a1.RecordVerification(VerificationStatus.Matched, DateTime.UtcNow);
        await first.SaveChangesAsync();
        a2.RecordVerification(VerificationStatus.Mismatched, DateTime.UtcNow);

        var save = () => second.SaveChangesAsync();
        await save.Should().ThrowAsync<DbUpdateConcurrencyException>();
    }

    public sealed class OnSqlite() : ActiveApplicationIndexTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ActiveApplicationIndexTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : ActiveApplicationIndexTests(DatabaseProvider.SqlServer);
}
