using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Data;

namespace PartyCardIntake.Infrastructure.Database;

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "PartyCard";

    /// <summary>
    /// Registers the data layer for the configured provider. Feature code asks for
    /// <see cref="IDbContextFactory{AppDbContext}"/> and gets contexts limited to the current user's scope.
    /// </summary>
    public static IServiceCollection AddPartyCardDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= configuration.GetConnectionString(ConnectionStringName);
        services.AddSingleton(options);

        services.AddSingleton(sp =>
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            Configure(builder, options);
            return builder.Options;
        });
        services.AddSingleton<ISystemDbContextFactory, SystemDbContextFactory>();
        services.AddScoped<IDbContextFactory<AppDbContext>, ScopedDbContextFactory>();

        // Identity's EF stores take a context from the container; it carries the user's scope too.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddTransient<DatabaseInitializer>();
        services.AddSingleton<NewApplicationWriter>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(options), o => o.MigrationsAssembly("PartyCardIntake.Migrations.Sqlite"))
                    .AddInterceptors(SqliteSecureDelete.Instance, SqliteWriteGate.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:Provider is PostgreSql but no connection string is set (ConnectionStrings:PartyCard).");
                }

                // A PostgreSQL server can restart or fail over under a running application; every operation is
                // tried again on transient faults, and work spanning several statements runs as one retriable unit
                // (DbUnitOfWork). SQLite is a file in this process: nothing to reconnect to, so no retrying there.
                // See docs/decisions/0010-retrying-execution-strategy.md.
                builder.UseNpgsql(options.ConnectionString, o =>
                {
                    o.MigrationsAssembly("PartyCardIntake.Migrations.PostgreSql");
                    if (options.MaxRetryCount > 0)
                    {
                        o.ExecutionStrategy(dependencies => new PostgresRetryingStrategy(dependencies, options.MaxRetryCount, options.MaxRetryDelay));
                    }
                });
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:Provider is SqlServer but no connection string is set (ConnectionStrings:PartyCard).");
                }

                // Same reasoning as PostgreSQL's; deadlocks (1205) and snapshot conflicts (3960) count as transient too.
                builder.UseSqlServer(options.ConnectionString, o =>
                {
                    o.MigrationsAssembly("PartyCardIntake.Migrations.SqlServer");
                    if (options.MaxRetryCount > 0)
                    {
                        o.ExecutionStrategy(dependencies => new SqlServerRetryingStrategy(dependencies, options.MaxRetryCount, options.MaxRetryDelay));
                    }
                });
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }
    }

    private static string SqliteConnectionString(DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var folder = Path.GetFullPath(options.DataFolder);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "partycard.db"),
            DefaultTimeout = 30,
        }.ToString();
    }
}
