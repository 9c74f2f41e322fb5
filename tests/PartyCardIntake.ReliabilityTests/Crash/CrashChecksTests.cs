using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>The crash checks are not vacuous: on a demo database damaged on purpose, each finds its damage.</summary>
[Collection(CrashRuns.Name)]
public sealed class CrashChecksTests
{
    [Fact]
    public async Task The_checks_report_a_lost_submission_a_foreign_photo_an_application_without_capture_and_count_drift()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using (var node = new AppProcess(AppProcess.DemoSettings(database), name: "checks"))
        {
            await node.StartAsync(TimeSpan.FromMinutes(4));
            await node.StopAsync();
        }

        var checks = new CrashChecks(database);
        var ledger = new Ledger();
        (await checks.RunAsync(ledger, null, final: true, DateTime.UtcNow)).Should().BeEmpty("the demo database as seeded is sound");

        Guid stripped;
        await using (var db = database.CreateContext(DataScope.System))
        {
            var records = await db.Applications.OrderBy(a => a.Id).Select(a => new { a.Id, a.IdempotencyKey, a.MemberId, a.CommuneId }).Take(2).ToListAsync();

            // Acknowledged as the first record, with a photo that is not the one stored.
            ledger.Add(Acknowledged(1, records[0].IdempotencyKey, records[0].Id, records[0].MemberId, records[0].CommuneId));

            // Acknowledged, and nowhere in the database.
            ledger.Add(Acknowledged(2, Guid.NewGuid(), Guid.NewGuid(), records[0].MemberId, records[0].CommuneId));

            stripped = records[1].Id;
            await db.ApplicationCaptures.Where(c => c.ApplicationId == stripped).ExecuteDeleteAsync();
            await db.ApplicationDayCounts.Where(c => c.Count > 0).OrderBy(c => c.Day).Take(1).ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count + 1));
        }

        var problems = await checks.RunAsync(ledger, null, final: true, DateTime.UtcNow);

        problems.Should().Contain(p => p.Contains("acknowledged submissions are missing", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("acknowledged submissions are stored wrongly", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("have no capture", StringComparison.Ordinal) && p.Contains(stripped.ToString(), StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("day counts differ from a recount", StringComparison.Ordinal));
    }

    private static Submission Acknowledged(int serial, Guid key, Guid applicationId, int memberId, int communeId) => new()
    {
        Serial = serial,
        Key = key,
        MemberId = memberId,
        CommuneId = communeId,
        Desk = "test",
        PhotoSha256 = new string('0', 64),
        SignatureSha256 = new string('0', 64),
        ApplicationId = applicationId,
    };
}
