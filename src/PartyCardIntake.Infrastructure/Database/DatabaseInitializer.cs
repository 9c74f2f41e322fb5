using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>Brings the database to the current schema at start-up and makes sure the roles exist.</summary>
public sealed class DatabaseInitializer(ISystemDbContextFactory factory, DatabaseOptions options, ILogger<DatabaseInitializer> logger)
{
    /// <summary>Start-up: migrates when <see cref="DatabaseOptions.MigrateAtStartup"/> allows it, otherwise insists the schema is current.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        InitializeAsync(options.MigrateAtStartup, cancellationToken);

    /// <summary>Returns the number of migrations applied.</summary>
    public async Task<int> InitializeAsync(bool applyMigrations, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        int applied;
        if (db.Database.IsSqlite())
        {
            // Before anything opens the file: the guard may have to put back the copy of an interrupted migration.
            await using var guard = await SqliteMigrationGuard.AcquireAsync(db, logger, cancellationToken);

            // WAL lets readers go on while a desk writes; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
            applied = await MigrateAsync(db, guard, applyMigrations, cancellationToken);
        }
        else
        {
            // PostgreSQL and SQL Server run each migration in a transaction, and their migration locks (an advisory
            // lock, sp_getapplock) end with the session.
            applied = await MigrateAsync(db, null, applyMigrations, cancellationToken);
        }

        await EnsureRolesAsync(db, cancellationToken);
        return applied;
    }

    public static string PendingMessage(IReadOnlyCollection<string> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return $"The database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}) and Database:MigrateAtStartup is false. "
            + "Run the application's 'migrate' command with the schema owner's connection string first (docs/operations.md, Upgrades).";
    }

    private async Task EnsureRolesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        foreach (var role in AppRoles.All)
        {
            var normalized = role.ToUpperInvariant();
            if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalized, cancellationToken))
            {
                db.Roles.Add(new IdentityRole(role) { NormalizedName = normalized });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Nodes of a province server started at the same moment on a new database all see the roles missing; the
            // first to commit wins and the others find the roles there instead of failing their start.
            db.ChangeTracker.Clear();
            var names = AppRoles.All.Select(n => n.ToUpperInvariant()).ToList();
            var present = await db.Roles.CountAsync(r => names.Contains(r.NormalizedName!), cancellationToken);
            if (present != AppRoles.All.Count)
            {
                throw;
            }

            logger.LogInformation("Another node created the roles at the same moment");
        }
    }

    private async Task<int> MigrateAsync(AppDbContext db, SqliteMigrationGuard? guard, bool applyMigrations, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return 0;
        }

        if (!applyMigrations)
        {
            // Starting on an old schema would fail later, request by request; better to stop now and say why.
            throw new InvalidOperationException(PendingMessage(pending));
        }

        if (guard is not null)
        {
            await guard.BeforeMigratingAsync(db, cancellationToken);
        }

        logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
        guard?.Migrated();
        return pending.Count;
    }
}
