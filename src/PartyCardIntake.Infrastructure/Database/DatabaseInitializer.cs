using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>Brings the database to the current schema at start-up and makes sure the roles exist.</summary>
public sealed class DatabaseInitializer(ISystemDbContextFactory factory, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        if (db.Database.IsSqlite())
        {
            // Before anything opens the file: the guard may have to put back the copy of an interrupted migration.
            await using var guard = await SqliteMigrationGuard.AcquireAsync(db, logger, cancellationToken);

            // WAL lets readers go on while a desk writes; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
            await MigrateAsync(db, guard, cancellationToken);
        }
        else
        {
            // PostgreSQL runs each migration in a transaction and its migration lock ends with the session.
            await MigrateAsync(db, null, cancellationToken);
        }

        foreach (var role in AppRoles.All)
        {
            var normalized = role.ToUpperInvariant();
            if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalized, cancellationToken))
            {
                db.Roles.Add(new IdentityRole(role) { NormalizedName = normalized });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task MigrateAsync(AppDbContext db, SqliteMigrationGuard? guard, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        if (guard is not null)
        {
            await guard.BeforeMigratingAsync(db, cancellationToken);
        }

        logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
        guard?.Migrated();
    }
}
