using System.Data;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.SqlClient;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Tests.Shared.NationalData;

/// <summary>
/// <see cref="NationalDataWriter"/> for SQL Server: the same generated country, loaded with SqlBulkCopy into a
/// migrated database. The generator pushes rows and SqlBulkCopy pulls them, so each commune's members and
/// applications are gathered in a table and sent when the commune is done (a commune is at most some 20,000
/// members). Ids are kept (KeepIdentity) and constraints are not checked row by row: the generator writes
/// consistent ids by construction. Never run against a server here (docs/operations.md, SQL Server).
/// </summary>
public static class SqlServerNationalDataWriter
{
    public static async Task<NationalDataSummary> WriteAsync(string connectionString, NationalShape shape, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var clock = Stopwatch.StartNew();
        void Report(string message) => progress?.Invoke($"{clock.Elapsed.TotalSeconds,7:0.0} s  {message}");

        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var check = new SqlCommand("SELECT COUNT(*) FROM [Provinces]", connection))
        {
            if ((int)(await check.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                throw new InvalidOperationException("The database already has provinces: generate into a freshly migrated database.");
            }
        }

        await WritePlacesAsync(connection, shape, cancellationToken);
        Report($"{shape.Provinces.Count} provinces, {shape.Communes.Count:N0} communes, {shape.Cells:N0} party cells written");

        var counts = new Dictionary<CountKey, int>();
        long applications = 0;
        var members = 0;
        var names = new NameBook();
        var createdAt = DateTime.SpecifyKind(shape.Options.FirstDay.AddDays(-10).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        var exemptedOn = shape.Options.FirstDay.AddDays(-3).ToDateTime(TimeOnly.MinValue);
        var step = Math.Max(1, shape.Communes.Count / 10);
        using var memberRows = MemberTable();
        using var applicationRows = ApplicationTable();
        for (var i = 0; i < shape.Communes.Count; i++)
        {
            var commune = shape.Communes[i];
            CommuneRecords.Generate(
                shape.Options,
                commune,
                names,
                ref applications,
                m => memberRows.Rows.Add(
                    m.Id, m.CommuneId, m.CellId, m.IdNumber, m.Name.FullName, m.Name.SearchName, m.Name.SortKey, m.Sex.ToString(), m.BirthYear,
                    Nullable(m.BirthDate?.ToDateTime(TimeOnly.MinValue)), Nullable(m.Exemption?.ToString()), m.Exemption is null ? DBNull.Value : exemptedOn,
                    m.NeedsHomeVisit, createdAt, createdAt),
                a =>
                {
                    AddApplication(applicationRows, a, commune.Code);
                    counts[a.Key] = counts.GetValueOrDefault(a.Key) + 1;
                });
            await CopyAsync(connection, memberRows, cancellationToken);
            await CopyAsync(connection, applicationRows, cancellationToken);
            members += commune.Members;
            if ((i + 1) % step == 0 || i + 1 == shape.Communes.Count)
            {
                Report($"communes {i + 1:N0}/{shape.Communes.Count:N0}: {members:N0} members, {applications:N0} applications");
            }
        }

        using (var countRows = new DataTable(ApplicationCounts.Table) { Locale = CultureInfo.InvariantCulture })
        {
            Columns(countRows, ("CommuneId", typeof(int)), ("Day", typeof(DateTime)), ("State", typeof(string)), ("Verification", typeof(string)), ("HasWarnings", typeof(bool)), ("Count", typeof(int)));
            foreach (var (key, count) in counts.OrderBy(c => c.Key.CommuneId).ThenBy(c => c.Key.Day))
            {
                countRows.Rows.Add(key.CommuneId, key.Day.ToDateTime(TimeOnly.MinValue), key.State.ToString(), key.Verification.ToString(), key.HasWarnings, count);
            }

            await CopyAsync(connection, countRows, cancellationToken);
        }

        Report($"{counts.Count:N0} progress count rows written");
        return new NationalDataSummary(
            shape.Provinces.Count, shape.Communes.Count, shape.Cells, members, shape.Communes.Sum(c => c.Excused), applications, counts.Count, clock.Elapsed);
    }

    private static async Task WritePlacesAsync(SqlConnection connection, NationalShape shape, CancellationToken cancellationToken)
    {
        var options = shape.Options;
        using (var provinces = new DataTable("Provinces") { Locale = CultureInfo.InvariantCulture })
        {
            Columns(provinces, ("Id", typeof(int)), ("Code", typeof(string)), ("Name", typeof(string)), ("CampaignStart", typeof(DateTime)), ("Deadline", typeof(DateTime)));
            foreach (var p in shape.Provinces)
            {
                provinces.Rows.Add(p.Id, p.Code, p.Name, options.FirstDay.ToDateTime(TimeOnly.MinValue), options.LastDay.AddDays(15).ToDateTime(TimeOnly.MinValue));
            }

            await CopyAsync(connection, provinces, cancellationToken);
        }

        using (var communes = new DataTable("Communes") { Locale = CultureInfo.InvariantCulture })
        {
            Columns(communes, ("Id", typeof(int)), ("ProvinceId", typeof(int)), ("Code", typeof(string)), ("Name", typeof(string)), ("WalkInReservePercent", typeof(int)),
                ("AutoApproveMatches", typeof(bool)), ("EligibleMembers", typeof(int)), ("ExcusedMembers", typeof(int)));
            foreach (var c in shape.Communes)
            {
                communes.Rows.Add(c.Id, c.ProvinceId, c.Code, c.Name, 10, false, c.Eligible, c.Excused);
            }

            await CopyAsync(connection, communes, cancellationToken);
        }

        using var cells = new DataTable("PartyCells") { Locale = CultureInfo.InvariantCulture };
        Columns(cells, ("Id", typeof(int)), ("CommuneId", typeof(int)), ("Name", typeof(string)), ("Availability", typeof(string)), ("IsExternal", typeof(bool)));
        foreach (var c in shape.Communes)
        {
            for (var k = 0; k < c.Cells; k++)
            {
                cells.Rows.Add(c.FirstCellId + k, c.Id, $"Chi bộ {k + 1}", nameof(CellAvailability.AnyTime), false);
            }
        }

        await CopyAsync(connection, cells, cancellationToken);
    }

    private static DataTable MemberTable()
    {
        var table = new DataTable("PartyMembers") { Locale = CultureInfo.InvariantCulture };
        Columns(table, ("Id", typeof(int)), ("CommuneId", typeof(int)), ("PartyCellId", typeof(int)), ("IdNumber", typeof(string)), ("FullName", typeof(string)),
            ("SearchName", typeof(string)), ("SortKey", typeof(string)), ("Sex", typeof(string)), ("BirthYear", typeof(int)), ("BirthDate", typeof(DateTime)),
            ("Exemption", typeof(string)), ("ExemptedOn", typeof(DateTime)), ("NeedsHomeVisit", typeof(bool)), ("CreatedAt", typeof(DateTime)), ("UpdatedAt", typeof(DateTime)));
        return table;
    }

    private static DataTable ApplicationTable()
    {
        var table = new DataTable("Applications") { Locale = CultureInfo.InvariantCulture };
        Columns(table, ("Id", typeof(Guid)), ("IdempotencyKey", typeof(Guid)), ("CommuneId", typeof(int)), ("MemberId", typeof(int)), ("State", typeof(string)),
            ("Verification", typeof(string)), ("HasWarnings", typeof(bool)), ("VerifiedAt", typeof(DateTime)), ("VerificationAttempts", typeof(int)),
            ("NextVerificationAt", typeof(DateTime)), ("SubmittedAt", typeof(DateTime)), ("SubmittedBy", typeof(string)), ("ApprovedAt", typeof(DateTime)),
            ("ApprovedBy", typeof(string)), ("TransmittedAt", typeof(DateTime)), ("CancelledAt", typeof(DateTime)), ("ReturnReason", typeof(string)),
            ("UpdatedAt", typeof(DateTime)), ("Version", typeof(Guid)));
        return table;
    }

    // The same values as the PostgreSQL writer's row, column for column.
    private static void AddApplication(DataTable table, GeneratedApplication a, string communeCode)
    {
        var pending = a.Verification == VerificationStatus.Pending;
        var approved = a.ApprovedAt is not null;
        table.Rows.Add(
            NationalDataWriter.Sequential(a.Index, 1), NationalDataWriter.Sequential(a.Index, 2), a.CommuneId, a.MemberId, a.State.ToString(),
            a.Verification.ToString(), a.HasWarnings, Nullable(a.VerifiedAt), pending ? 1 : 0,
            Nullable(pending && a.CancelledAt is null ? a.SubmittedAt.AddMinutes(10) : (DateTime?)null), a.SubmittedAt, $"officer-{communeCode}",
            Nullable(a.ApprovedAt), Nullable(approved ? $"lead-{communeCode}" : null), Nullable(a.TransmittedAt), Nullable(a.CancelledAt),
            Nullable(a.State == ApplicationState.Returned ? "Sai thông tin so với dữ liệu dân cư" : null), a.UpdatedAt, NationalDataWriter.Sequential(a.Index, 3));
    }

    private static async Task CopyAsync(SqlConnection connection, DataTable rows, CancellationToken cancellationToken)
    {
        if (rows.Rows.Count == 0)
        {
            return;
        }

        using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.TableLock, externalTransaction: null)
        {
            DestinationTableName = $"[{rows.TableName}]",
            BatchSize = 10_000,
            BulkCopyTimeout = 0,
        };
        foreach (DataColumn column in rows.Columns)
        {
            copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await copy.WriteToServerAsync(rows, cancellationToken);
        rows.Clear();
    }

    private static void Columns(DataTable table, params (string Name, Type Type)[] columns)
    {
        foreach (var (name, type) in columns)
        {
            table.Columns.Add(name, type);
        }
    }

    private static object Nullable(object? value) => value ?? DBNull.Value;
}
