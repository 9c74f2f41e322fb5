using System.Globalization;
using Microsoft.Data.SqlClient;
using Npgsql;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared.NationalData;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// national-data --connection "…" [--scale 1.0] [--recreate] [--sqlserver]: migrates the database and fills it with a
/// generated country (PostgreSQL with COPY; SQL Server with SqlBulkCopy, never run here against a server).
/// </summary>
internal static class NationalDataCommand
{
    public static async Task RunAsync(string connectionString, double scale, bool recreate, bool sqlServer = false)
    {
        var database = sqlServer ? new SqlConnectionStringBuilder(connectionString).InitialCatalog : new NpgsqlConnectionStringBuilder(connectionString).Database;
        Console.WriteLine($"Migrating {database}{(recreate ? " (dropped and created anew)" : string.Empty)}…");
        await NationalDataWriter.MigrateAsync(connectionString, recreate, provider: sqlServer ? DatabaseProvider.SqlServer : DatabaseProvider.PostgreSql);

        var shape = NationalShape.Create(NationalDataOptions.National(scale));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Generating scale {scale}: {shape.Provinces.Count} provinces, {shape.Communes.Count:N0} communes ({shape.Communes.Min(c => c.Members):N0}–{shape.Communes.Max(c => c.Members):N0} members), {shape.Options.Members:N0} members over {shape.Options.Days} days from {shape.Options.FirstDay:yyyy-MM-dd}"));
        var summary = sqlServer
            ? await SqlServerNationalDataWriter.WriteAsync(connectionString, shape, Console.WriteLine)
            : await NationalDataWriter.WriteAsync(connectionString, shape, Console.WriteLine);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Done in {summary.Elapsed.TotalSeconds:0} s: {summary.Members:N0} members ({summary.Excused:N0} excused), {summary.Cells:N0} cells, {summary.Applications:N0} applications, {summary.DayCountRows:N0} progress count rows."));
    }
}
