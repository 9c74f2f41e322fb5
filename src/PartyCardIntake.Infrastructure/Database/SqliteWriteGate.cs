using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// SQLite lets one connection write at a time. A writer that finds the file locked gets SQLITE_BUSY, and
/// Microsoft.Data.Sqlite then blocks its thread for 150 ms before trying again: with many desks submitting
/// at once, that sleeping (and the thread-pool threads it holds) bounds throughput, not the work. So the
/// writers of this process queue here instead, asynchronously, one queue per database file: a transaction
/// (Microsoft.Data.Sqlite begins them IMMEDIATE, taking the write lock at once) holds the gate from its start
/// to its end, and a write statement outside a transaction while it runs. Readers never wait (WAL).
/// Other processes (a backup's snapshot, the sqlite3 shell) still meet SQLite's own locking, and a writer
/// that waits longer than <see cref="Patience"/> goes ahead and meets it too, so that an unforeseen nesting
/// of two writers in one request degrades to the old behaviour instead of waiting forever.
/// </summary>
internal sealed class SqliteWriteGate : DbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly string[] WriteVerbs = ["INSERT", "UPDATE", "DELETE", "REPLACE"];
    private readonly ConditionalWeakTable<DbConnection, Holding> _held = [];

    // A committed transaction no longer knows its connection.
    private readonly ConditionalWeakTable<DbTransaction, DbConnection> _connections = [];

    private sealed class Holding(SemaphoreSlim gate)
    {
        public SemaphoreSlim Gate { get; } = gate;

        public bool ForCommand { get; init; }
    }

    // Transactions.
    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, forCommand: false, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection, forCommand: false);
        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _connections.AddOrUpdate(result, connection);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        _connections.AddOrUpdate(result, connection);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        End(transaction);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => End(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        End(transaction);

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => End(transaction);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        End(transaction);

    private Task End(DbTransaction transaction) =>
        Leave(transaction.Connection ?? (_connections.TryGetValue(transaction, out var connection) ? connection : null));

    // A transaction disposed without commit or rollback raises no event; its connection closes soon after.
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    // Write statements outside a transaction (EF saves a single statement without one; ExecuteUpdate, ExecuteDelete, raw SQL).
    async ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
    {
        await EnterForCommandAsync(command, cancellationToken);
        return result;
    }

    InterceptionResult<DbDataReader> IDbCommandInterceptor.ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForCommand(command);
        return result;
    }

    async ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        await EnterForCommandAsync(command, cancellationToken);
        return result;
    }

    InterceptionResult<int> IDbCommandInterceptor.NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForCommand(command);
        return result;
    }

    async ValueTask<InterceptionResult<object>> IDbCommandInterceptor.ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken)
    {
        await EnterForCommandAsync(command, cancellationToken);
        return result;
    }

    InterceptionResult<object> IDbCommandInterceptor.ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterForCommand(command);
        return result;
    }

    async ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        await LeaveCommand(command);
        return result;
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        _ = LeaveCommand(command);
        return result;
    }

    async ValueTask<object?> IDbCommandInterceptor.ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken)
    {
        await LeaveCommand(command);
        return result;
    }

    object? IDbCommandInterceptor.ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        _ = LeaveCommand(command);
        return result;
    }

    // A reader's statement (INSERT … RETURNING) holds the lock until the reader is done with.
    InterceptionResult IDbCommandInterceptor.DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        _ = LeaveCommand(command);
        return result;
    }

    async ValueTask<InterceptionResult> IDbCommandInterceptor.DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        await LeaveCommand(command);
        return result;
    }

    InterceptionResult IDbCommandInterceptor.DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        _ = LeaveCommand(command);
        return result;
    }

    void IDbCommandInterceptor.CommandFailed(DbCommand command, CommandErrorEventData eventData) => _ = LeaveCommand(command);

    Task IDbCommandInterceptor.CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken) => LeaveCommand(command);

    void IDbCommandInterceptor.CommandCanceled(DbCommand command, CommandEndEventData eventData) => _ = LeaveCommand(command);

    Task IDbCommandInterceptor.CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken) => LeaveCommand(command);

    private static bool NeedsGate(DbCommand command) =>
        command.Transaction is null && IsWrite(command.CommandText);

    internal static bool IsWrite(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        foreach (var verb in WriteVerbs)
        {
            if (text.StartsWith(verb, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private Task EnterForCommandAsync(DbCommand command, CancellationToken cancellationToken) =>
        NeedsGate(command) && command.Connection is { } connection ? EnterAsync(connection, forCommand: true, cancellationToken) : Task.CompletedTask;

    private void EnterForCommand(DbCommand command)
    {
        if (NeedsGate(command) && command.Connection is { } connection)
        {
            Enter(connection, forCommand: true);
        }
    }

    private Task LeaveCommand(DbCommand command) =>
        command.Connection is { } connection && _held.TryGetValue(connection, out var holding) && holding.ForCommand ? Leave(connection) : Task.CompletedTask;

    private async Task EnterAsync(DbConnection connection, bool forCommand, CancellationToken cancellationToken)
    {
        if (_held.TryGetValue(connection, out _))
        {
            return;
        }

        var gate = GateOf(connection);
        if (await gate.WaitAsync(Patience, cancellationToken))
        {
            _held.AddOrUpdate(connection, new Holding(gate) { ForCommand = forCommand });
        }
    }

    private void Enter(DbConnection connection, bool forCommand)
    {
        if (_held.TryGetValue(connection, out _))
        {
            return;
        }

        var gate = GateOf(connection);
        if (gate.Wait(Patience))
        {
            _held.AddOrUpdate(connection, new Holding(gate) { ForCommand = forCommand });
        }
    }

    private Task Leave(DbConnection? connection)
    {
        if (connection is not null && _held.TryGetValue(connection, out var holding) && _held.Remove(connection))
        {
            holding.Gate.Release();
        }

        return Task.CompletedTask;
    }

    internal static SemaphoreSlim GateOf(DbConnection connection) =>
        Gates.GetOrAdd(
            connection is SqliteConnection sqlite ? Path.GetFullPath(sqlite.DataSource is { Length: > 0 } file ? file : ":memory:") : connection.ConnectionString,
            _ => new SemaphoreSlim(1, 1));
}
