using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PartyCardIntake.Core.Audit;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Audit;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Audit;

/// <summary>The hash chain on a database of its own per test, so that tampering cannot spoil other tests.</summary>
public abstract class AuditChainTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(provider);

    public async Task InitializeAsync() => await _database.MigrateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_empty_chain_and_a_long_one_verify()
    {
        using var chain = Chain();
        (await chain.VerifyAsync()).IsIntact.Should().BeTrue();

        await AppendAsync(chain, 200);

        var check = await chain.VerifyAsync();
        check.IsIntact.Should().BeTrue(check.Describe());
        check.VerifiedEntries.Should().Be(200);
    }

    [Fact]
    public async Task Concurrent_appends_from_two_writers_stay_one_line_and_verify()
    {
        // Two chains stand for two web nodes: only the database's unique index keeps them in one line.
        using var first = Chain();
        using var second = Chain();
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(() => AppendAsync(i % 2 == 0 ? first : second, 15, $"task-{i}")));
        await Task.WhenAll(tasks);

        var check = await first.VerifyAsync();
        check.IsIntact.Should().BeTrue(check.Describe());
        check.VerifiedEntries.Should().Be(120);
        await using var db = Context();
        var previous = await db.AuditEntries.Select(e => e.PreviousHash).ToListAsync();
        previous.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Many_appends_at_once_on_one_node_are_written_together_in_their_order_and_verify()
    {
        // As under load: every request's entry waits for the gate at once, and whoever gets it writes the queue.
        using var chain = Chain();
        using var other = Chain();
        var entries = Enumerable.Range(0, 150).Select(i => Entry($"burst/{i}")).ToList();
        await Task.WhenAll(entries.Select((e, i) => Task.Run(() => (i % 5 == 0 ? other : chain).AppendAsync(e))));

        var check = await chain.VerifyAsync();
        check.IsIntact.Should().BeTrue(check.Describe());
        check.VerifiedEntries.Should().Be(150);
        entries.Select(e => e.Id).Should().OnlyHaveUniqueItems().And.OnlyContain(id => id > 0, "each caller learns its entry's id");
        await using var db = Context();
        (await db.AuditEntries.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Hash))
            .Should().BeEquivalentTo(entries.ToDictionary(e => e.Id, e => e.Hash));
    }

    [Fact]
    public async Task A_changed_entry_is_reported_by_its_id()
    {
        using var chain = Chain();
        await AppendAsync(chain, 10);
        await using var db = Context();
        var victim = await db.AuditEntries.OrderBy(e => e.Id).Skip(4).Select(e => e.Id).FirstAsync();

        await TamperAsync(db, "UPDATE \"AuditEntries\" SET \"UserName\" = 'someone.else' WHERE \"Id\" = {0}", victim);

        var check = await chain.VerifyAsync();
        check.IsIntact.Should().BeFalse();
        check.BrokenEntryId.Should().Be(victim);
        check.Break.Should().Be(AuditBreak.Content);
        check.Describe().Should().Contain($"entry {victim}");
    }

    [Fact]
    public async Task A_changed_entry_with_a_recomputed_hash_breaks_the_link_to_the_next()
    {
        using var chain = Chain();
        await AppendAsync(chain, 10);
        await using var db = Context();
        var ids = await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var victim = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == ids[3]);
        victim.MemberId = 999;
        var forged = AuditHash.Compute(victim);

        await TamperAsync(db, "UPDATE \"AuditEntries\" SET \"MemberId\" = 999, \"Hash\" = {0} WHERE \"Id\" = {1}", forged, victim.Id);

        var check = await chain.VerifyAsync();
        (check.IsIntact, check.BrokenEntryId, check.Break).Should().Be((false, ids[4], AuditBreak.Link));
    }

    [Fact]
    public async Task A_deleted_entry_in_the_middle_is_detected()
    {
        using var chain = Chain();
        await AppendAsync(chain, 10);
        await using var db = Context();
        var ids = await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();

        await TamperAsync(db, "DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}", ids[5]);

        var check = await chain.VerifyAsync();
        (check.IsIntact, check.BrokenEntryId, check.PreviousEntryId, check.Break).Should().Be((false, ids[6], ids[4], AuditBreak.Link));
        check.Describe().Should().Contain($"entry {ids[6]}").And.Contain($"entry {ids[4]}");
    }

    [Fact]
    public async Task Entries_keep_their_hash_through_the_database_round_trip()
    {
        using var chain = Chain();
        var entry = Entry("round-trip");
        entry.At = new DateTime(2025, 8, 19, 7, 30, 15, DateTimeKind.Utc).AddTicks(1_234_567);
        await chain.AppendAsync(entry);

        await using var db = Context();
        var stored = await db.AuditEntries.AsNoTracking().SingleAsync();
        AuditHash.Compute(stored).Should().Be(stored.Hash);
        stored.PreviousHash.Should().Be(AuditHash.Genesis);
        stored.At.Should().Be(new DateTime(2025, 8, 19, 7, 30, 15, 123, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone.else'")]
    [InlineData("DELETE FROM \"AuditEntries\"")]
    public async Task The_database_refuses_to_change_or_delete_entries(string sql)
    {
        using var chain = Chain();
        await AppendAsync(chain, 3);
        await using var db = Context();

        var change = () => db.Database.ExecuteSqlRawAsync(sql);

        (await change.Should().ThrowAsync<System.Data.Common.DbException>()).Which.Message.Should().Contain("append-only");
        (await db.AuditEntries.CountAsync(e => e.UserName == "demo.officer")).Should().Be(3);
        (await chain.VerifyAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task The_database_refuses_to_truncate_the_trail()
    {
        if (provider != DatabaseProvider.PostgreSql)
        {
            // SQLite has no TRUNCATE; its DELETE is covered above. SQL Server's TRUNCATE fires no trigger: it needs ALTER
            // on the table, which the application's login is not given (docs/operations.md, SQL Server).
            return;
        }

        using var chain = Chain();
        await AppendAsync(chain, 3);
        await using var db = Context();

        var truncate = () => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\"");

        await truncate.Should().ThrowAsync<System.Data.Common.DbException>();
        (await db.AuditEntries.CountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task Anchors_of_an_intact_chain_all_match()
    {
        using var chain = Chain();
        var anchors = new List<AuditAnchor>();
        for (var i = 0; i < 3; i++)
        {
            await AppendAsync(chain, 4, $"round-{i}");
            anchors.Add((await chain.TailAsync(DateTime.UtcNow))!);
        }

        var check = await chain.VerifyAsync(anchors);

        check.IsIntact.Should().BeTrue(check.Describe());
        check.AnchorsChecked.Should().Be(3);
    }

    [Fact]
    public async Task Entries_cut_from_the_end_verify_alone_but_not_against_an_anchor()
    {
        using var chain = Chain();
        await AppendAsync(chain, 10);
        var anchor = (await chain.TailAsync(DateTime.UtcNow))!;
        await using var db = Context();
        var ids = await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();

        await TamperAsync(db, "DELETE FROM \"AuditEntries\" WHERE \"Id\" > {0}", ids[6]);

        (await chain.VerifyAsync()).IsIntact.Should().BeTrue("a shortened chain is still a chain");
        var check = await chain.VerifyAsync([anchor]);
        (check.IsIntact, check.Break, check.BrokenEntryId, check.PreviousEntryId).Should().Be((false, AuditBreak.Missing, ids[9], ids[6]));
        check.Describe().Should().Contain($"entry {ids[9]}").And.Contain("cut from the end");
    }

    [Fact]
    public async Task A_tail_rewritten_with_fresh_hashes_is_caught_by_its_anchor()
    {
        using var chain = Chain();
        await AppendAsync(chain, 5);
        var anchor = (await chain.TailAsync(DateTime.UtcNow))!;
        await using var db = Context();
        var tail = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == anchor.EntryId);
        tail.UserName = "someone.else";
        var forged = AuditHash.Compute(tail);

        await TamperAsync(db, "UPDATE \"AuditEntries\" SET \"UserName\" = 'someone.else', \"Hash\" = {0} WHERE \"Id\" = {1}", forged, tail.Id);

        (await chain.VerifyAsync()).IsIntact.Should().BeTrue("the last entry has no successor to betray it");
        var check = await chain.VerifyAsync([anchor]);
        (check.IsIntact, check.Break, check.BrokenEntryId).Should().Be((false, AuditBreak.Anchor, tail.Id));
    }

    /// <summary>Someone with the database owner's rights can drop the guards first; the chain must still tell.</summary>
    private async Task TamperAsync(AppDbContext db, string sql, params object[] parameters)
    {
        var dropGuards = provider switch
        {
            DatabaseProvider.PostgreSql => "DROP TRIGGER \"AuditEntries_no_change\" ON \"AuditEntries\"",
            DatabaseProvider.SqlServer => SqlServerSql.DropAuditAppendOnlyTrigger,
            _ => "DROP TRIGGER \"AuditEntries_no_update\"; DROP TRIGGER \"AuditEntries_no_delete\"",
        };
        await db.Database.ExecuteSqlRawAsync(dropGuards);
        await db.Database.ExecuteSqlRawAsync(sql, parameters);
    }

    private AuditChain Chain() => new(new Factory(_database), NullLogger<AuditChain>.Instance);

    private AppDbContext Context() => _database.CreateContext(DataScope.System);

    private static async Task AppendAsync(AuditChain chain, int count, string target = "test")
    {
        for (var i = 0; i < count; i++)
        {
            await chain.AppendAsync(Entry($"{target}/{i}"));
        }
    }

    private static AuditEntry Entry(string target) => new()
    {
        At = DateTime.UtcNow,
        UserName = "demo.officer",
        Role = "IntakeOfficer",
        CommuneId = 1,
        ProvinceId = 1,
        Action = AuditAction.ViewMember,
        MemberId = 42,
        Target = target,
        Address = "10.0.0.7",
    };

    private sealed class Factory(TestDatabase database) : ISystemDbContextFactory
    {
        public AppDbContext CreateDbContext() => database.CreateContext(DataScope.System);
    }

    public sealed class OnSqlite() : AuditChainTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : AuditChainTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : AuditChainTests(DatabaseProvider.SqlServer);
}
