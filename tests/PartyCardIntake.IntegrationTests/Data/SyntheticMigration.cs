using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;
using PartyCardIntake.Core.Data;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>
/// Two more SQLite migrations after the one <c>Initial</c>, for the tests of a migration cut by a crash: the product
/// ships a single migration per provider, and a single migration on an empty database rebuilds no table. Each of
/// these changes a column "to itself", which SQLite can only do by rebuilding the table (foreign keys off, new
/// table, copy, drop, rename, foreign keys on): steps that cannot share one transaction. The schema stays as the
/// model has it.
/// </summary>
public static class SyntheticMigrations
{
    public static readonly IReadOnlyList<Type> All = [typeof(SqliteRebuildMembers), typeof(SqliteRebuildCaptures)];

    public static IEnumerable<string> Ids => All.Select(t => t.GetCustomAttribute<MigrationAttribute>(inherit: false)!.Id);
}

[DbContext(typeof(AppDbContext))]
[Migration("99990101000000_RebuildMembers")]
public sealed class SqliteRebuildMembers : PartyCardIntake.Migrations.Sqlite.Migrations.Initial
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<string>(
            name: "FullName", table: "PartyMembers", type: "TEXT", maxLength: 200, nullable: false,
            oldClrType: typeof(string), oldType: "TEXT", oldMaxLength: 200);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}

[DbContext(typeof(AppDbContext))]
[Migration("99990102000000_RebuildCaptures")]
public sealed class SqliteRebuildCaptures : PartyCardIntake.Migrations.Sqlite.Migrations.Initial
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<int>(
            name: "PhotoWidth", table: "ApplicationCaptures", type: "INTEGER", nullable: false,
            oldClrType: typeof(int), oldType: "INTEGER");

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}

/// <summary>The migrations of the provider's assembly, and <see cref="SyntheticMigrations"/> after them.</summary>
#pragma warning disable EF1001 // MigrationsAssembly is EF's own implementation; deriving keeps its discovery as it is.
internal sealed class WithSyntheticMigration(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    public override IReadOnlyDictionary<string, TypeInfo> Migrations
    {
        get
        {
            var all = new SortedList<string, TypeInfo>(base.Migrations.ToDictionary(m => m.Key, m => m.Value), StringComparer.Ordinal);
            foreach (var type in SyntheticMigrations.All)
            {
                all[type.GetCustomAttribute<MigrationAttribute>(inherit: false)!.Id] = type.GetTypeInfo();
            }

            return all;
        }
    }

    public static void Use(DbContextOptionsBuilder builder) => builder.ReplaceService<IMigrationsAssembly, WithSyntheticMigration>();
}
#pragma warning restore EF1001
