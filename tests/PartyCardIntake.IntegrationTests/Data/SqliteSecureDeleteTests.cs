using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>Content that retention removes must not live on in the free pages of the SQLite file.</summary>
public sealed class SqliteSecureDeleteTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);

    public async Task InitializeAsync() => await _database.MigrateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_cleared_blob_leaves_no_trace_in_the_database_file()
    {
        var marker = System.Security.Cryptography.RandomNumberGenerator.GetBytes(64);
        var blob = Enumerable.Repeat(marker, 300).SelectMany(b => b).ToArray();
        await using (var db = _database.CreateContext(DataScope.System))
        {
            (await db.Database.SqlQueryRaw<long>("PRAGMA secure_delete").ToListAsync()).Should().Equal(1);
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Scratch\" (\"Data\" BLOB NOT NULL)");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"Scratch\" VALUES ({0})", blob);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            ContainsMarker(marker).Should().BeTrue("the blob is in the file before it is cleared");

            await db.Database.ExecuteSqlRawAsync("UPDATE \"Scratch\" SET \"Data\" = x''");
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        ContainsMarker(marker).Should().BeFalse();
    }

    [Fact]
    public async Task A_pooled_connection_opened_again_keeps_the_setting()
    {
        // The pragma is set once per database handle; the pool hands the same handle out again.
        var handles = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 5; i++)
        {
            await using var db = _database.CreateContext(DataScope.System);
            await db.Database.OpenConnectionAsync();
            handles.Add(((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).Handle!);
            (await db.Database.SqlQueryRaw<long>("PRAGMA secure_delete").ToListAsync()).Should().Equal(1);
        }

        handles.Should().HaveCount(1, "the pool reuses one handle, so the check above covered reuse");
    }

    private bool ContainsMarker(byte[] marker)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = Directory.GetFiles(_database.Folder, "partycard.db*").Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        return file.Any(bytes => bytes.AsSpan().IndexOf(marker) >= 0);
    }
}
