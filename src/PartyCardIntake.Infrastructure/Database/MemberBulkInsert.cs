using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// Inserts many new members inside the caller's transaction: with one prepared statement on SQLite and PostgreSQL,
/// through SqlBulkCopy on SQL Server (one round trip per row costs a network hop there). The change tracker inserts
/// about 5,000 rows a second on SQLite; a commune's list of 20,000 must load in seconds. Table and column names come
/// from the EF model, so the SQL follows the mapping on every provider.
/// </summary>
public static class MemberBulkInsert
{
    private static readonly string[] Columns =
    [
        nameof(PartyMember.CommuneId), nameof(PartyMember.PartyCellId), nameof(PartyMember.IdNumber), nameof(PartyMember.FullName),
        nameof(PartyMember.SearchName), nameof(PartyMember.SortKey), nameof(PartyMember.Sex), nameof(PartyMember.BirthYear),
        nameof(PartyMember.BirthDate), nameof(PartyMember.PartyCardNumber), nameof(PartyMember.JoinedOn), nameof(PartyMember.Phone),
        nameof(PartyMember.Address), nameof(PartyMember.NeedsHomeVisit), nameof(PartyMember.CreatedAt), nameof(PartyMember.UpdatedAt),
        nameof(PartyMember.CreatedByImportId),
    ];

    /// <summary>Writes <paramref name="members"/> (new, untracked) in the context's current transaction, which must exist.</summary>
    public static async Task InsertAsync(AppDbContext db, IReadOnlyList<PartyMember> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        var entity = db.Model.FindEntityType(typeof(PartyMember))!;
        var table = entity.GetTableName()!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
        var names = Columns.Select(c => entity.FindProperty(c)!.GetColumnName(store)!).ToList();
        if (transaction is SqlTransaction sqlTransaction)
        {
            await BulkCopyAsync(sqlTransaction, table, names, members, cancellationToken);
            return;
        }

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) " +
            $"VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))})";
        var parameters = Columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@p{i}";
            command.Parameters.Add(p);
            return p;
        }).ToArray();

        foreach (var m in members)
        {
            Set(parameters[0], m.CommuneId);
            Set(parameters[1], m.PartyCellId);
            Set(parameters[2], m.IdNumber.Value);
            Set(parameters[3], m.FullName);
            Set(parameters[4], m.SearchName);
            Set(parameters[5], m.SortKey);
            Set(parameters[6], m.Sex.ToString());
            Set(parameters[7], m.BirthYear);
            Set(parameters[8], m.BirthDate);
            Set(parameters[9], m.PartyCardNumber);
            Set(parameters[10], m.JoinedOn);
            Set(parameters[11], m.Phone);
            Set(parameters[12], m.Address);
            Set(parameters[13], m.NeedsHomeVisit);
            Set(parameters[14], DateTime.SpecifyKind(m.CreatedAt, DateTimeKind.Utc));
            Set(parameters[15], DateTime.SpecifyKind(m.UpdatedAt, DateTimeKind.Utc));
            Set(parameters[16], m.CreatedByImportId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Set(DbParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;

    /// <summary>The rows in the order of <see cref="Columns"/>, as SqlBulkCopy reads them (dates as DateTime).</summary>
    internal static DataTable ToTable(IReadOnlyList<string> names, IReadOnlyList<PartyMember> members)
    {
        var types = new[]
        {
            typeof(int), typeof(int), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(int),
            typeof(DateTime), typeof(string), typeof(DateTime), typeof(string), typeof(string), typeof(bool), typeof(DateTime), typeof(DateTime),
            typeof(int),
        };
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        for (var i = 0; i < names.Count; i++)
        {
            table.Columns.Add(names[i], types[i]);
        }

        foreach (var m in members)
        {
            table.Rows.Add(
                m.CommuneId, m.PartyCellId, m.IdNumber.Value, m.FullName, m.SearchName, m.SortKey, m.Sex.ToString(), m.BirthYear,
                Date(m.BirthDate), m.PartyCardNumber ?? (object)DBNull.Value, Date(m.JoinedOn), m.Phone ?? (object)DBNull.Value,
                m.Address ?? (object)DBNull.Value, m.NeedsHomeVisit, DateTime.SpecifyKind(m.CreatedAt, DateTimeKind.Utc),
                DateTime.SpecifyKind(m.UpdatedAt, DateTimeKind.Utc), m.CreatedByImportId ?? (object)DBNull.Value);
        }

        return table;
    }

    private static object Date(DateOnly? date) => date is { } d ? d.ToDateTime(TimeOnly.MinValue) : DBNull.Value;

    private static async Task BulkCopyAsync(SqlTransaction transaction, string table, IReadOnlyList<string> names, IReadOnlyList<PartyMember> members, CancellationToken cancellationToken)
    {
        using var rows = ToTable(names, members);

        // CheckConstraints: the foreign keys and checks are verified as for a plain INSERT (SqlBulkCopy skips them otherwise).
        using var copy = new SqlBulkCopy(transaction.Connection, SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = "[" + table + "]",
            BatchSize = 5000,
        };
        foreach (var name in names)
        {
            copy.ColumnMappings.Add(name, name);
        }

        await copy.WriteToServerAsync(rows, cancellationToken);
    }
}
