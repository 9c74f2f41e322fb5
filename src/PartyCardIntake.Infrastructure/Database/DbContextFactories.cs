using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>Contexts that see the whole database: start-up, seeding and background work only.</summary>
public interface ISystemDbContextFactory
{
    AppDbContext CreateDbContext();
}

internal sealed class SystemDbContextFactory(DbContextOptions<AppDbContext> options) : ISystemDbContextFactory
{
    public AppDbContext CreateDbContext() => new(options, DataScope.System);
}

/// <summary>One context per operation, limited to the data scope of the signed-in user.</summary>
internal sealed class ScopedDbContextFactory(DbContextOptions<AppDbContext> options, IDataScopeAccessor scope)
    : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => new(options, scope.Current);
}
