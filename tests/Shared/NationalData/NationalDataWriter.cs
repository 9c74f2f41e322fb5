using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Tests.Shared.NationalData;

public sealed record NationalDataSummary(int Provinces, int Communes, int Cells, int Members, int Excused, long Applications, int DayCountRows, TimeSpan Elapsed);

/// <summary>
/// Writes a generated country into a migrated PostgreSQL database with binary COPY. Members and applications
/// stream into two COPYs at once while they are generated; the secondary indexes of those two tables are
/// dropped first and rebuilt from their own definitions afterwards (one sorted build is far cheaper than
/// millions of insertions), and foreign keys are not checked row by row (session_replication_role = replica,
/// which needs a superuser): the generator writes consistent ids by construction. The progress counts and the
/// communes' member counts are written from the same pass, as the interceptor would have kept them.
/// Photos and signatures are not generated: the capture row is optional and no figure reads it.
/// </summary>
public static class NationalDataWriter
{
    private static readonly string[] LoadedTables = ["PartyMembers", "Applications"];

    /// <summary>Creates the database if needed and applies the application's own migrations (PostgreSQL, or SQL Server for <see cref="SqlServerNationalDataWriter"/>).</summary>
    public static async Task MigrateAsync(string connectionString, bool recreate, DatabaseProvider provider = DatabaseProvider.PostgreSql, CancellationToken cancellationToken = default)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await using var db = new AppDbContext(builder.Options, DataScope.System);
        if (recreate)
        {
            await db.Database.EnsureDeletedAsync(cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    public static async Task<NationalDataSummary> WriteAsync(string connectionString, NationalShape shape, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var clock = Stopwatch.StartNew();
        void Report(string message) => progress?.Invoke($"{clock.Elapsed.TotalSeconds,7:0.0} s  {message}");

        await using var main = await OpenAsync(connectionString, cancellationToken);
        if (await ScalarAsync<long>(main, "SELECT count(*) FROM \"Provinces\"", cancellationToken) > 0)
        {
            throw new InvalidOperationException("The database already has provinces: generate into a freshly migrated database (--recreate).");
        }

        var indexes = await DropSecondaryIndexesAsync(main, cancellationToken);
        await WritePlacesAsync(main, shape, cancellationToken);
        Report($"{shape.Provinces.Count} provinces, {shape.Communes.Count:N0} communes, {shape.Cells:N0} party cells written");

        var counts = new Dictionary<CountKey, int>();
        long applications = 0;
        var members = 0;
        await using (var memberConnection = await OpenAsync(connectionString, cancellationToken))
        await using (var applicationConnection = await OpenAsync(connectionString, cancellationToken))
        {
            await using var memberCopy = await memberConnection.BeginBinaryImportAsync(MemberCopy, cancellationToken);
            await using var applicationCopy = await applicationConnection.BeginBinaryImportAsync(ApplicationCopy, cancellationToken);
            var names = new NameBook();
            var createdAt = DateTime.SpecifyKind(shape.Options.FirstDay.AddDays(-10).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
            var exemptedOn = shape.Options.FirstDay.AddDays(-3);
            var step = Math.Max(1, shape.Communes.Count / 10);
            for (var i = 0; i < shape.Communes.Count; i++)
            {
                var commune = shape.Communes[i];
                CommuneRecords.Generate(
                    shape.Options,
                    commune,
                    names,
                    ref applications,
                    m => WriteMember(memberCopy, m, createdAt, exemptedOn),
                    a =>
                    {
                        WriteApplication(applicationCopy, a, commune.Code);
                        var key = a.Key;
                        counts[key] = counts.GetValueOrDefault(key) + 1;
                    });
                members += commune.Members;
                if ((i + 1) % step == 0 || i + 1 == shape.Communes.Count)
                {
                    Report($"communes {i + 1:N0}/{shape.Communes.Count:N0}: {members:N0} members, {applications:N0} applications ({applications / clock.Elapsed.TotalSeconds:N0} applications/s so far)");
                }
            }

            await memberCopy.CompleteAsync(cancellationToken);
            await applicationCopy.CompleteAsync(cancellationToken);
        }

        Report("members and applications copied");
        await WriteCountsAsync(main, counts, cancellationToken);
        Report($"{counts.Count:N0} progress count rows written");

        foreach (var definition in indexes)
        {
            await ExecuteAsync(main, definition, cancellationToken);
        }

        Report($"{indexes.Count} secondary indexes rebuilt");
        foreach (var table in new[] { "Provinces", "Communes", "PartyCells", "PartyMembers" })
        {
            await ExecuteAsync(main, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT max(\"Id\") FROM \"{table}\"))", cancellationToken);
        }

        await ExecuteAsync(main, "ANALYZE \"Provinces\", \"Communes\", \"PartyCells\", \"PartyMembers\", \"Applications\", \"ApplicationDayCounts\"", cancellationToken);
        Report("sequences set, tables analysed");
        return new NationalDataSummary(
            shape.Provinces.Count, shape.Communes.Count, shape.Cells, members, shape.Communes.Sum(c => c.Excused), applications, counts.Count, clock.Elapsed);
    }

    private const string MemberCopy =
        """
        COPY "PartyMembers" ("Id", "CommuneId", "PartyCellId", "IdNumber", "FullName", "SearchName", "SortKey", "Sex", "BirthYear",
            "BirthDate", "Exemption", "ExemptedOn", "NeedsHomeVisit", "CreatedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)
        """;

    private const string ApplicationCopy =
        """
        COPY "Applications" ("Id", "IdempotencyKey", "CommuneId", "MemberId", "State", "Verification", "HasWarnings", "VerifiedAt",
            "VerificationAttempts", "NextVerificationAt", "SubmittedAt", "SubmittedBy", "ApprovedAt", "ApprovedBy", "TransmittedAt",
            "CancelledAt", "ReturnReason", "UpdatedAt", "Version") FROM STDIN (FORMAT BINARY)
        """;

    private static void WriteMember(NpgsqlBinaryImporter copy, GeneratedMember m, DateTime createdAt, DateOnly exemptedOn)
    {
        copy.StartRow();
        copy.Write(m.Id, NpgsqlDbType.Integer);
        copy.Write(m.CommuneId, NpgsqlDbType.Integer);
        copy.Write(m.CellId, NpgsqlDbType.Integer);
        copy.Write(m.IdNumber, NpgsqlDbType.Char);
        copy.Write(m.Name.FullName, NpgsqlDbType.Varchar);
        copy.Write(m.Name.SearchName, NpgsqlDbType.Varchar);
        copy.Write(m.Name.SortKey, NpgsqlDbType.Varchar);
        copy.Write(m.Sex.ToString(), NpgsqlDbType.Varchar);
        copy.Write(m.BirthYear, NpgsqlDbType.Integer);
        WriteNullable(copy, m.BirthDate, NpgsqlDbType.Date);
        if (m.Exemption is { } reason)
        {
            copy.Write(reason.ToString(), NpgsqlDbType.Varchar);
            copy.Write(exemptedOn, NpgsqlDbType.Date);
        }
        else
        {
            copy.WriteNull();
            copy.WriteNull();
        }

        copy.Write(m.NeedsHomeVisit, NpgsqlDbType.Boolean);
        copy.Write(createdAt, NpgsqlDbType.TimestampTz);
        copy.Write(createdAt, NpgsqlDbType.TimestampTz);
    }

    private static void WriteApplication(NpgsqlBinaryImporter copy, GeneratedApplication a, string communeCode)
    {
        var pending = a.Verification == VerificationStatus.Pending;
        var approved = a.ApprovedAt is not null;
        copy.StartRow();
        copy.Write(Sequential(a.Index, 1), NpgsqlDbType.Uuid);
        copy.Write(Sequential(a.Index, 2), NpgsqlDbType.Uuid);
        copy.Write(a.CommuneId, NpgsqlDbType.Integer);
        copy.Write(a.MemberId, NpgsqlDbType.Integer);
        copy.Write(a.State.ToString(), NpgsqlDbType.Varchar);
        copy.Write(a.Verification.ToString(), NpgsqlDbType.Varchar);
        copy.Write(a.HasWarnings, NpgsqlDbType.Boolean);
        WriteNullable(copy, a.VerifiedAt, NpgsqlDbType.TimestampTz);
        copy.Write(pending ? 1 : 0, NpgsqlDbType.Integer);
        WriteNullable(copy, pending && a.CancelledAt is null ? a.SubmittedAt.AddMinutes(10) : (DateTime?)null, NpgsqlDbType.TimestampTz);
        copy.Write(a.SubmittedAt, NpgsqlDbType.TimestampTz);
        copy.Write($"officer-{communeCode}", NpgsqlDbType.Varchar);
        WriteNullable(copy, a.ApprovedAt, NpgsqlDbType.TimestampTz);
        WriteNullable(copy, approved ? $"lead-{communeCode}" : null, NpgsqlDbType.Varchar);
        WriteNullable(copy, a.TransmittedAt, NpgsqlDbType.TimestampTz);
        WriteNullable(copy, a.CancelledAt, NpgsqlDbType.TimestampTz);
        WriteNullable(copy, a.State == ApplicationState.Returned ? "Sai thông tin so với dữ liệu dân cư" : null, NpgsqlDbType.Varchar);
        copy.Write(a.UpdatedAt, NpgsqlDbType.TimestampTz);
        copy.Write(Sequential(a.Index, 3), NpgsqlDbType.Uuid);
    }

    private static async Task WritePlacesAsync(NpgsqlConnection connection, NationalShape shape, CancellationToken cancellationToken)
    {
        var options = shape.Options;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Provinces\" (\"Id\", \"Code\", \"Name\", \"CampaignStart\", \"Deadline\") FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var p in shape.Provinces)
            {
                await copy.WriteRowAsync(cancellationToken, p.Id, p.Code, p.Name, options.FirstDay, options.LastDay.AddDays(15));
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            """
            COPY "Communes" ("Id", "ProvinceId", "Code", "Name", "WalkInReservePercent", "AutoApproveMatches", "EligibleMembers", "ExcusedMembers")
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken))
        {
            foreach (var c in shape.Communes)
            {
                await copy.WriteRowAsync(cancellationToken, c.Id, c.ProvinceId, c.Code, c.Name, 10, false, c.Eligible, c.Excused);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"PartyCells\" (\"Id\", \"CommuneId\", \"Name\", \"Availability\", \"IsExternal\") FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var c in shape.Communes)
            {
                for (var k = 0; k < c.Cells; k++)
                {
                    await copy.WriteRowAsync(cancellationToken, c.FirstCellId + k, c.Id, $"Chi bộ {k + 1}", nameof(CellAvailability.AnyTime), false);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    private static async Task WriteCountsAsync(NpgsqlConnection connection, Dictionary<CountKey, int> counts, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"{ApplicationCounts.Table}\" (\"CommuneId\", \"Day\", \"State\", \"Verification\", \"HasWarnings\", \"Count\") FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var (key, count) in counts.OrderBy(c => c.Key.CommuneId).ThenBy(c => c.Key.Day))
        {
            await copy.WriteRowAsync(cancellationToken, key.CommuneId, key.Day, key.State.ToString(), key.Verification.ToString(), key.HasWarnings, count);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>Drops the indexes of the big tables that are not constraints, returning their definitions to rebuild them.</summary>
    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            connection))
        {
            command.Parameters.AddWithValue("tables", LoadedTables);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", cancellationToken);
        }

        return definitions.Select(d => d.Definition).ToList();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SET session_replication_role = replica; SET maintenance_work_mem = '512MB'", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            copy.Write(v, type);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    /// <summary>Deterministic ids that grow with the record's index, so the primary key is appended to, not split.</summary>
    internal static Guid Sequential(long index, short kind) =>
        new((int)(index >> 16), (short)(index & 0xFFFF), kind, 0x80, 0, 0, 0, 0, 0, 0, 0x01);
}
