using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>
/// Writers of one process queue for the SQLite file instead of meeting SQLITE_BUSY (and the driver's 150 ms
/// sleeps); the queue must always move on when a writer is done, however its transaction ended.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    // Far below the gate's patience (10 s), above any wait for a free gate on a busy machine.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(4);
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await using var db = _database.CreateContext(DataScope.System);
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Scratch\" (\"Value\" INTEGER NOT NULL)");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_writer_waits_for_an_open_transaction_and_goes_on_when_it_commits()
    {
        await using var first = _database.CreateContext(DataScope.System);
        await using var transaction = await first.Database.BeginTransactionAsync();
        await first.Database.ExecuteSqlRawAsync("INSERT INTO \"Scratch\" VALUES (1)");

        var second = InsertAsync(2);
        await Task.Delay(500);
        second.IsCompleted.Should().BeFalse("the file's writer is still in its transaction");

        await transaction.CommitAsync();
        (await second).Should().BeLessThan(Prompt);
        (await CountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task A_committed_transaction_frees_the_file_although_its_connection_stays_open()
    {
        await using var first = _database.CreateContext(DataScope.System);
        await first.Database.OpenConnectionAsync();
        await using (var transaction = await first.Database.BeginTransactionAsync())
        {
            await first.Database.ExecuteSqlRawAsync("INSERT INTO \"Scratch\" VALUES (1)");
            await transaction.CommitAsync();
        }

        (await InsertAsync(2)).Should().BeLessThan(Prompt);
        (await InsertInTransactionAsync(3)).Should().BeLessThan(Prompt);
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_frees_the_file()
    {
        await using (var first = _database.CreateContext(DataScope.System))
        {
            await using var transaction = await first.Database.BeginTransactionAsync();
            await first.Database.ExecuteSqlRawAsync("INSERT INTO \"Scratch\" VALUES (1)");
        }

        (await InsertInTransactionAsync(2)).Should().BeLessThan(Prompt);
        (await CountAsync()).Should().Be(1, "the first insert was rolled back");
    }

    [Fact]
    public async Task Many_writers_at_once_all_get_their_turn()
    {
        var writers = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? InsertAsync(i) : InsertInTransactionAsync(i)).ToList();
        await Task.WhenAll(writers);
        (await CountAsync()).Should().Be(60);
        writers.Select(w => w.Result).Should().OnlyContain(t => t < Prompt);
    }

    private async Task<TimeSpan> InsertAsync(int value)
    {
        var watch = Stopwatch.StartNew();
        await using var db = _database.CreateContext(DataScope.System);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"Scratch\" VALUES ({0})", value);
        return watch.Elapsed;
    }

    private async Task<TimeSpan> InsertInTransactionAsync(int value)
    {
        var watch = Stopwatch.StartNew();
        await using var db = _database.CreateContext(DataScope.System);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"Scratch\" VALUES ({0})", value);
        await transaction.CommitAsync();
        return watch.Elapsed;
    }

    private async Task<long> CountAsync()
    {
        await using var db = _database.CreateContext(DataScope.System);
        return await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM \"Scratch\"").SingleAsync();
    }
}
