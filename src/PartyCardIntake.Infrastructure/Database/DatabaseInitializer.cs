using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
            // WAL lets readers go on while a desk writes; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
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
}
