using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.UnitTests.Database;

/// <summary>Which database errors get the "temporarily unavailable, try again" answer, and which empty the pool.</summary>
public sealed class DbErrorsTests
{
    private static NpgsqlException Refused() => new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    [Fact]
    public void A_server_that_refuses_connections_is_temporarily_unavailable_and_lost()
    {
        DbErrors.IsTemporarilyUnavailable(Refused()).Should().BeTrue();
        DbErrors.IsLostServer(Refused()).Should().BeTrue();
    }

    [Fact]
    public void Retries_run_out_on_a_transient_fault_is_temporarily_unavailable()
    {
        var exhausted = new RetryLimitExceededException("The maximum number of retries (5) was exceeded.", Refused());
        DbErrors.IsTemporarilyUnavailable(exhausted).Should().BeTrue();
    }

    [Fact]
    public void A_server_shutting_down_is_lost_but_a_serialization_failure_is_not()
    {
        DbErrors.IsLostServer(Postgres(PostgresErrorCodes.AdminShutdown)).Should().BeTrue();
        DbErrors.IsLostServer(Postgres(PostgresErrorCodes.CannotConnectNow)).Should().BeTrue();
        DbErrors.IsLostServer(Postgres(PostgresErrorCodes.SerializationFailure)).Should().BeFalse();
    }

    [Fact]
    public void A_save_wrapping_a_lost_connection_is_temporarily_unavailable()
    {
        var save = new DbUpdateException("An error occurred while saving the entity changes.", new NpgsqlException("Exception while reading from stream", new IOException("reset")));
        DbErrors.IsTemporarilyUnavailable(save).Should().BeTrue();
        DbErrors.IsLostServer(save).Should().BeTrue();
    }

    [Fact]
    public void A_busy_sqlite_file_is_temporarily_unavailable()
    {
        DbErrors.IsTemporarilyUnavailable(new SqliteException("database is locked", 5)).Should().BeTrue();
    }

    [Fact]
    public void Errors_of_the_request_itself_are_not_unavailability()
    {
        DbErrors.IsTemporarilyUnavailable(Postgres(PostgresErrorCodes.UniqueViolation)).Should().BeFalse();
        DbErrors.IsTemporarilyUnavailable(new SqliteException("constraint failed", 19)).Should().BeFalse();
        DbErrors.IsTemporarilyUnavailable(new InvalidOperationException("bug")).Should().BeFalse();
        DbErrors.IsLostServer(new InvalidOperationException("bug")).Should().BeFalse();
    }
}
