using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// EF's SQL Server retrying strategy with the serialization failures of <see cref="SerializableUnit"/> added: a
/// serializable transaction chosen as a deadlock victim (1205) or stopped by a snapshot update conflict (3960) is
/// run again as a whole, as PostgreSQL's 40001 is.
/// </summary>
internal sealed class SqlServerRetryingStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : SqlServerRetryingExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay, DbErrors.SqlServerSerializationFailures);
