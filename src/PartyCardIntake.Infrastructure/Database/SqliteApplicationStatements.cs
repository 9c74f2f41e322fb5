using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// The insert of an application, of its capture and the upsert of its day count, compiled once on a connection
/// kept open for one SQLite file. Columns and values come from EF Core's model of the same entities, through the
/// type mappings EF itself binds with (enums as their names, instants in UTC as EF's text, Guids as upper-case
/// text), so a row written here is the row <c>SaveChangesAsync</c> would write; a test compares the two byte
/// for byte. One save at a time uses the connection, inside the file's write gate.
/// </summary>
internal sealed class SqliteApplicationStatements : IAsyncDisposable
{
    /// <summary>Where a profile of the saves (the submissions benchmark's) finds their timings, since EF's own events do not see them.</summary>
    public static readonly DiagnosticListener Diagnostics = new(NewApplicationTimings.ListenerName);

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Insert _application;
    private readonly Insert _capture;
    private readonly Insert _count;

    public SqliteApplicationStatements(string connectionString, IModel model)
    {
        _connection = new SqliteConnection(connectionString);
        _application = Insert.Of(_connection, Entity<Application>(model));
        _capture = Insert.Of(_connection, Entity<ApplicationCapture>(model));
        _count = Insert.Of(
            _connection,
            Entity<ApplicationDayCount>(model),
            upsertAdding: nameof(ApplicationDayCount.Count));
    }

    public async Task InsertAsync(Application application, CancellationToken cancellationToken)
    {
        var capture = application.Capture ?? throw new InvalidOperationException("A new application is saved with its capture.");
        var key = CountKey.Of(application);
        var count = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(ApplicationDayCount.CommuneId)] = key.CommuneId,
            [nameof(ApplicationDayCount.Day)] = key.Day,
            [nameof(ApplicationDayCount.State)] = key.State,
            [nameof(ApplicationDayCount.Verification)] = key.Verification,
            [nameof(ApplicationDayCount.HasWarnings)] = key.HasWarnings,
            [nameof(ApplicationDayCount.Count)] = 1,
        };

        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                Open();
            }

            var gate = SqliteWriteGate.GateOf(_connection);
            var asked = Stopwatch.GetTimestamp();
            var entered = await gate.WaitAsync(SqliteWriteGate.Patience, cancellationToken);
            try
            {
                Write(application, capture, count, Stopwatch.GetElapsedTime(asked));
            }
            finally
            {
                if (entered)
                {
                    gate.Release();
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private void Write(Application application, ApplicationCapture capture, Dictionary<string, object?> count, TimeSpan gateWait)
    {
        try
        {
            var begun = Stopwatch.GetTimestamp();

            // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is taken here, as by EF's transactions.
            using var transaction = _connection.BeginTransaction();
            var applicationTime = _application.Run(transaction, p => p.GetGetter().GetClrValue(application));

            // EF would fill the capture's key from its application while saving; here it is given.
            var captureTime = _capture.Run(transaction, p => p.Name == nameof(ApplicationCapture.ApplicationId) ? application.Id : p.GetGetter().GetClrValue(capture));
            var countTime = _count.Run(transaction, p => count[p.Name]);
            var committing = Stopwatch.GetTimestamp();
            transaction.Commit();
            if (Diagnostics.IsEnabled(NewApplicationTimings.EventName))
            {
                Diagnostics.Write(NewApplicationTimings.EventName, new NewApplicationTimings(
                    gateWait, applicationTime, captureTime, countTime, Stopwatch.GetElapsedTime(committing), Stopwatch.GetElapsedTime(begun)));
            }
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode is 2067 or 1555)
        {
            // Rolled back by the transaction's disposal; the caller handles it as it handles EF's.
            throw new DbUpdateException("A unique index refused the new application.", ex);
        }
        catch (SqliteException)
        {
            // Start the next save on a fresh handle rather than on one whose state is unknown.
            _connection.Close();
            throw;
        }
    }

    private void Open()
    {
        _connection.Open();
        using var pragmas = _connection.CreateCommand();

        // The same settings as every connection EF opens (SqliteSecureDelete, EF's foreign keys).
        pragmas.CommandText = "PRAGMA secure_delete=ON; PRAGMA foreign_keys=ON;";
        pragmas.ExecuteNonQuery();
    }

    private static IEntityType Entity<T>(IModel model) =>
        model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");

    public async ValueTask DisposeAsync()
    {
        await _turn.WaitAsync();
        try
        {
            _application.Dispose();
            _capture.Dispose();
            _count.Dispose();
            await _connection.DisposeAsync();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>One INSERT of every mapped column of an entity's table, prepared on first use and kept.</summary>
    private sealed class Insert(SqliteCommand command, IReadOnlyList<IProperty> properties) : IDisposable
    {
        private readonly string[] _names = [.. properties.Select((_, i) => "$p" + i)];

        public static Insert Of(SqliteConnection connection, IEntityType entity, string? upsertAdding = null)
        {
            var table = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} has no table.");
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var properties = entity.GetProperties().ToList();
            if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            {
                throw new InvalidOperationException($"{entity.DisplayName()}.{shadow.Name} has no CLR value to write.");
            }

            var columns = properties.Select(p => Quote(p.GetColumnName(store) ?? p.Name)).ToList();
            var sql = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", properties.Select((_, i) => "$p" + i))})";
            if (upsertAdding is not null)
            {
                var keys = entity.FindPrimaryKey()!.Properties.Select(p => Quote(p.GetColumnName(store)!));
                var added = Quote(entity.FindProperty(upsertAdding)!.GetColumnName(store)!);
                sql += $" ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {added} = {Quote(table)}.{added} + excluded.{added}";
            }

            var command = connection.CreateCommand();
            command.CommandText = sql;
            return new Insert(command, properties);
        }

        public TimeSpan Run(SqliteTransaction transaction, Func<IProperty, object?> valueOf)
        {
            command.Transaction = transaction;
            command.Parameters.Clear();
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, _names[i], valueOf(property), property.IsNullable));
            }

            var started = Stopwatch.GetTimestamp();
            command.ExecuteNonQuery();
            return Stopwatch.GetElapsedTime(started);
        }

        public void Dispose() => command.Dispose();

        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

/// <summary>One save of <see cref="SqliteApplicationStatements"/>: the wait for the write gate, each statement, the commit, and the whole transaction.</summary>
public sealed record NewApplicationTimings(TimeSpan GateWait, TimeSpan Application, TimeSpan Capture, TimeSpan Count, TimeSpan Commit, TimeSpan Held)
{
    public const string ListenerName = "PartyCardIntake.NewApplicationWriter";

    public const string EventName = "Saved";
}
