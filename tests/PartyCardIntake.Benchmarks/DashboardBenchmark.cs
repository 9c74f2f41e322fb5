using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Reporting;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared.NationalData;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// The province and national dashboard figures on a generated country (national-data), read from the progress
/// counts as the pages do, against the same figures recomputed from the raw records. Each figure set is checked
/// equal to the raw one before anything is timed; a difference stops the run.
/// </summary>
internal static class DashboardBenchmark
{
    /// <summary>The generator shapes the province of code 01 to about 250,000 applications at full scale.</summary>
    public static async Task<IReadOnlyList<Measurement>> RunAsync(string connectionString, string provinceCode, int iterations, int rawIterations)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString });
        var options = builder.Options;
        await using var raw = new NpgsqlConnection(connectionString);
        await raw.OpenAsync();

        DateOnly date;
        int provinceId, provinceApplications;
        long applications;
        await using (var db = new AppDbContext(options, DataScope.System))
        {
            date = await db.ApplicationDayCounts.MaxAsync(c => c.Day);
            provinceId = await db.Provinces.Where(p => p.Code == provinceCode).Select(p => p.Id).SingleAsync();
            provinceApplications = await db.ApplicationDayCounts.Where(c => c.Commune!.ProvinceId == provinceId).SumAsync(c => c.Count);
            applications = await db.Applications.LongCountAsync();
        }

        Console.WriteLine($"Data: {applications:N0} applications; day {date:yyyy-MM-dd}; province {provinceId} has {provinceApplications:N0} applications.");

        // Equal first: a fast wrong answer is worth nothing.
        await using (var db = new AppDbContext(options, DataScope.ForProvince(provinceId)))
        {
            var figures = await ProgressFigures.ProvinceAsync(db, provinceId, date) ?? throw new InvalidOperationException("Province not found.");
            Compare("province", figures.Communes, await RawProgressFigures.CommunesAsync(raw, provinceId, date));
        }

        await using (var db = new AppDbContext(options, DataScope.System))
        {
            var national = await ProgressFigures.NationalAsync(db, date);
            Compare("national", national.SelectMany(p => p.Communes).ToList(), await RawProgressFigures.CommunesAsync(raw, null, date));
            Console.WriteLine($"National: {national.Count} provinces, {national.Sum(p => p.Communes.Count):N0} communes, {national.Sum(p => p.ReceivedTotal):N0} received of {national.Sum(p => p.Eligible):N0} eligible.");
        }

        Console.WriteLine("Counts-based figures equal the raw recomputation for the province and the whole country.");

        var results = new List<Measurement>
        {
            await TimeAsync($"province dashboard, {provinceApplications:N0} applications (ProvinceAsync)", iterations, async () =>
            {
                await using var db = new AppDbContext(options, DataScope.ForProvince(provinceId));
                await ProgressFigures.ProvinceAsync(db, provinceId, date);
            }),
            await TimeAsync($"national figures, {applications:N0} applications (NationalAsync)", iterations, async () =>
            {
                await using var db = new AppDbContext(options, DataScope.System);
                await ProgressFigures.NationalAsync(db, date);
            }),
            await TimeAsync("province, raw scan of applications and members", rawIterations, () => RawProgressFigures.CommunesAsync(raw, provinceId, date)),
            await TimeAsync("national, raw scan of applications and members", rawIterations, () => RawProgressFigures.CommunesAsync(raw, null, date)),
        };
        return results;
    }

    private static void Compare(string what, IReadOnlyList<CommuneFigures> fromCounts, IReadOnlyList<CommuneFigures> fromRecords)
    {
        var expected = fromRecords.ToDictionary(c => c.CommuneId);
        var differences = fromCounts.Where(c => !expected.TryGetValue(c.CommuneId, out var e) || e != c).ToList();
        if (differences.Count > 0 || fromCounts.Count != fromRecords.Count)
        {
            var first = differences.FirstOrDefault();
            throw new InvalidOperationException(
                $"The {what} figures differ from the raw recomputation in {differences.Count} of {fromCounts.Count} communes ({fromRecords.Count} raw). " +
                $"First: {first} vs {(first is null ? null : expected.GetValueOrDefault(first.CommuneId))}");
        }
    }

    private static async Task<Measurement> TimeAsync(string name, int samples, Func<Task> run)
    {
        var warmUp = Math.Max(1, samples / 10);
        for (var i = 0; i < warmUp; i++)
        {
            await run();
        }

        var measurement = new Measurement(name);
        for (var i = 0; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            measurement.Add(clock.Elapsed);
        }

        Console.WriteLine(measurement.ToMarkdownRow());
        return measurement;
    }
}
