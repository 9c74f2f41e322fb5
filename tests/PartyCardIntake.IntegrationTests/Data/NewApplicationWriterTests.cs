using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>
/// The desk's save of a new application: on SQLite through statements of its own outside EF Core, elsewhere through
/// EF. Whatever the path, the rows must be the ones EF writes and reads, the day counts must follow, and a refused
/// save must leave nothing behind.
/// </summary>
public abstract class NewApplicationWriterTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 7, 3, 4, 5, 678, DateTimeKind.Utc);
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid Key = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    private readonly TestDatabase _database = TestDatabase.Create(provider);
    private readonly NewApplicationWriter _writer = new();
    private ScopeData _data = null!;

    public async Task InitializeAsync()
    {
        _data = await SeedAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_written_application_reads_back_through_EF_with_its_capture_and_count(bool approved)
    {
        var memberId = await FreeMemberAsync(_database);
        await using (var db = _database.CreateContext(DataScope.System))
        {
            await _writer.InsertAsync(db, await MakeAsync(db, memberId, approved), CancellationToken.None);
        }

        await using (var db = _database.CreateContext(DataScope.System))
        {
            var stored = await db.Applications.Include(a => a.Capture).AsNoTracking().SingleAsync(a => a.Id == Id);
            stored.IdempotencyKey.Should().Be(Key);
            stored.MemberId.Should().Be(memberId);
            stored.CommuneId.Should().Be(_data.CommuneA);
            stored.State.Should().Be(approved ? ApplicationState.Approved : ApplicationState.Submitted);
            stored.Verification.Should().Be(approved ? VerificationStatus.Matched : VerificationStatus.Pending);
            stored.SubmittedAt.Should().Be(Now);
            stored.SubmittedAt.Kind.Should().Be(DateTimeKind.Utc);
            stored.NextVerificationAt.Should().Be(approved ? null : Now);
            stored.ApprovedBy.Should().Be(approved ? "auto" : null);
            stored.SubmittedBy.Should().Be("officer-ă");
            stored.Capture!.Photo.Should().Equal(Photo);
            stored.Capture.SignatureStrokes.Should().Be(Strokes);
            stored.Capture.PhotoSha256.Should().Be(new string('a', 64));
            stored.Capture.CapturedAt.Should().Be(Now);

            (await ApplicationCounts.StoredAsync(db, _data.CommuneA)).Should().BeEquivalentTo(await ApplicationCounts.FromRecordsAsync(db, _data.CommuneA));
        }
    }

    [Fact]
    public async Task A_second_active_application_is_refused_as_EF_refuses_it_and_nothing_is_written()
    {
        var memberId = await FreeMemberAsync(_database);
        await using (var db = _database.CreateContext(DataScope.System))
        {
            await _writer.InsertAsync(db, await MakeAsync(db, memberId, approved: false), CancellationToken.None);
        }

        await using (var db = _database.CreateContext(DataScope.System))
        {
            var member = await db.PartyMembers.SingleAsync(m => m.Id == memberId);
            var capture = ApplicationCapture.Create(Photo, 600, 800, new string('c', 64), Signature, Strokes, new string('d', 64), Now);
            var second = Application.Submit(Guid.NewGuid(), member, null, null, "officer", Now.AddMinutes(1), Guid.NewGuid(), capture);

            var save = () => _writer.InsertAsync(db, second, CancellationToken.None);
            (await save.Should().ThrowAsync<DbUpdateException>()).Which.Should().Match<DbUpdateException>(e => DbErrors.IsUniqueViolation(e));
        }

        await using (var db = _database.CreateContext(DataScope.System))
        {
            (await db.Applications.CountAsync(a => a.MemberId == memberId)).Should().Be(1);
            (await db.Set<ApplicationCapture>().CountAsync(c => c.PhotoSha256 == new string('c', 64))).Should().Be(0);
            (await ApplicationCounts.StoredAsync(db, _data.CommuneA)).Should().BeEquivalentTo(await ApplicationCounts.FromRecordsAsync(db, _data.CommuneA));
        }

        // The writer goes on after a refusal.
        await using (var db = _database.CreateContext(DataScope.System))
        {
            var other = await FreeMemberAsync(_database, except: memberId);
            var member = await db.PartyMembers.SingleAsync(m => m.Id == other);
            var capture = ApplicationCapture.Create(Photo, 600, 800, new string('e', 64), Signature, Strokes, new string('f', 64), Now);
            await _writer.InsertAsync(db, Application.Submit(Guid.NewGuid(), member, null, null, "officer", Now, Guid.NewGuid(), capture), CancellationToken.None);
            (await db.Applications.CountAsync(a => a.MemberId == other)).Should().Be(1);
        }
    }

    internal static readonly byte[] Photo = [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31))];
    internal static readonly byte[] Signature = [.. Enumerable.Range(0, 6_000).Select(i => (byte)(i * 7))];
    internal const string Strokes = """[{"points":[{"x":1.5,"y":2,"time":3,"pressure":0.5}]}]""";

    internal static async Task<ScopeData> SeedAsync(TestDatabase database)
    {
        await database.MigrateAsync();
        await using var db = database.CreateContext(DataScope.System);
        return await ScopeData.SeedAsync(db);
    }

    internal static async Task<int> FreeMemberAsync(TestDatabase database, int? except = null)
    {
        await using var db = database.CreateContext(DataScope.System);
        var communeA = await db.Communes.Where(c => c.Code == "90001").Select(c => c.Id).SingleAsync();
        return await db.PartyMembers
            .Where(m => m.CommuneId == communeA && m.Id != except && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .FirstAsync();
    }

    /// <summary>The same application every time it is asked for, for <paramref name="memberId"/>, apart from its version stamp.</summary>
    internal static async Task<Application> MakeAsync(AppDbContext db, int memberId, bool approved)
    {
        var member = await db.PartyMembers.SingleAsync(m => m.Id == memberId);
        var site = await db.IntakeSites.Include(s => s.Devices).FirstAsync(s => s.CommuneId == member.CommuneId);
        var capture = ApplicationCapture.Create(Photo, 600, 800, new string('a', 64), Signature, Strokes, new string('b', 64), Now);
        var application = Application.Submit(Id, member, site.Id, site.Devices[0].Id, "officer-ă", Now, Key, capture);
        if (approved)
        {
            application.ApplyCheck(CheckOutcome.Matched, hasWarnings: false, Now, TimeSpan.Zero);
            application.Approve("auto", Now);
        }

        return application;
    }

    public sealed class OnSqlite() : NewApplicationWriterTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : NewApplicationWriterTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : NewApplicationWriterTests(DatabaseProvider.SqlServer);
}

/// <summary>
/// SQLite stores what it is given: a value bound as a blob where EF binds text would still read back, but would
/// never match EF's own queries. So the writer's rows are compared with EF's, column by column, type and value.
/// </summary>
public sealed class SqliteApplicationStatementsTests : IAsyncLifetime
{
    private readonly TestDatabase _byEf = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly TestDatabase _byWriter = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly NewApplicationWriter _writer = new();

    public async Task InitializeAsync()
    {
        await NewApplicationWriterTests.SeedAsync(_byEf);
        await NewApplicationWriterTests.SeedAsync(_byWriter);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _byEf.DisposeAsync();
        await _byWriter.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_rows_written_are_the_rows_EF_writes(bool approved)
    {
        var memberId = await NewApplicationWriterTests.FreeMemberAsync(_byEf);
        (await NewApplicationWriterTests.FreeMemberAsync(_byWriter)).Should().Be(memberId);
        await using (var db = _byEf.CreateContext(DataScope.System))
        {
            db.Applications.Add(await NewApplicationWriterTests.MakeAsync(db, memberId, approved));
            await db.SaveChangesAsync();
        }

        await using (var db = _byWriter.CreateContext(DataScope.System))
        {
            await _writer.InsertAsync(db, await NewApplicationWriterTests.MakeAsync(db, memberId, approved), CancellationToken.None);
        }

        // The seed's rows differ (fresh Guids, the time of the run); the test's own rows must not.
        var id = $"'{Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e").ToString().ToUpperInvariant()}'";
        foreach (var (table, where) in new[] { ("Applications", $"\"Id\" = {id}"), ("ApplicationCaptures", $"\"ApplicationId\" = {id}"), ("ApplicationDayCounts", "\"Day\" = '2026-12-07'") })
        {
            var expected = await RowsAsync(_byEf, table, where);
            var actual = await RowsAsync(_byWriter, table, where);
            expected.Should().NotBeEmpty();
            actual.Should().Equal(expected, $"{table} must hold what EF writes");
        }
    }

    [Fact]
    public async Task A_failure_after_the_application_row_is_written_rolls_the_whole_save_back()
    {
        // A capture row already holding the new application's key (put there with foreign keys off) makes the second
        // statement fail after the first has written: the application row and the day count must go with it.
        var memberId = await NewApplicationWriterTests.FreeMemberAsync(_byWriter);
        await using (var db = _byWriter.CreateContext(DataScope.System))
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var orphan = connection.CreateCommand();
            orphan.CommandText =
                """
                PRAGMA foreign_keys=OFF;
                INSERT INTO "ApplicationCaptures" ("ApplicationId", "Photo", "PhotoWidth", "PhotoHeight", "PhotoSha256", "Signature", "SignatureStrokes", "SignatureSha256", "CapturedAt")
                VALUES ('0F8FAD5B-D9CB-469F-A165-70867728950E', x'00', 1, 1, '', x'00', '[]', '', '2026-12-07 00:00:00');
                PRAGMA foreign_keys=ON;
                """;
            await orphan.ExecuteNonQueryAsync();
        }

        Dictionary<CountKey, int> countsBefore;
        await using (var db = _byWriter.CreateContext(DataScope.System))
        {
            countsBefore = await ApplicationCounts.StoredAsync(db, null);
            var save = async () => await _writer.InsertAsync(db, await NewApplicationWriterTests.MakeAsync(db, memberId, approved: false), CancellationToken.None);
            (await save.Should().ThrowAsync<DbUpdateException>()).Which.Should().Match<DbUpdateException>(e => DbErrors.IsUniqueViolation(e));
        }

        await using (var db = _byWriter.CreateContext(DataScope.System))
        {
            (await db.Applications.CountAsync(a => a.MemberId == memberId)).Should().Be(0);
            (await ApplicationCounts.StoredAsync(db, null)).Should().BeEquivalentTo(countsBefore);
        }
    }

    // Every cell as its storage class and SQL literal; the version stamp (a fresh Guid on every change) by its shape only.
    private static async Task<List<string>> RowsAsync(TestDatabase database, string table, string where)
    {
        await using var db = database.CreateContext(DataScope.System);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        columns.Should().NotBeEmpty();
        var cells = columns.Select(c => c == "Version"
            ? $"typeof(\"{c}\") || ':' || length(\"{c}\") || ':' || (upper(\"{c}\") = \"{c}\")"
            : $"typeof(\"{c}\") || ':' || quote(\"{c}\")");
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(" || ' | ' || ", cells)} FROM \"{table}\" WHERE {where} ORDER BY rowid";
        return await ReadAllAsync(command);
    }

    private static async Task<List<string>> ReadAllAsync(DbCommand command)
    {
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
