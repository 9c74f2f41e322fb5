using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Review;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Retention;
using PartyCardIntake.Web.Features.Transmissions;

namespace PartyCardIntake.IntegrationTests.Retention;

/// <summary>A package of records as the lead makes it, then aged: its records transmitted a given number of days ago.</summary>
internal sealed record AgedPackage(Guid TransmissionId, string Sha256, IReadOnlyList<Guid> Records);

/// <summary>
/// Records sent to card production long enough ago for the retention rule. Packages are made on past days of their
/// own, far before those of the transmission tests and each earlier than the one before, so that a package never
/// takes another test's records (a package takes everything approved up to its day).
/// </summary>
internal static class RetentionData
{
    private static int _daysBack = 6000;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static MediaRetention Rule(AppFixture app) => app.Factory.Services.GetRequiredService<MediaRetention>();

    /// <summary><paramref name="count"/> approved records put in one package by the lead, then marked transmitted <paramref name="daysAgo"/> days ago.</summary>
    public static async Task<AgedPackage> TransmittedAsync(AppFixture app, int count, double daysAgo)
    {
        var day = Today.AddDays(-Interlocked.Increment(ref _daysBack));
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await ReviewData.ApprovedOnAsync(app, day));
        }

        await using (var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            (await circuit.Get<TransmissionService>().CreateAsync(day)).Created.Should().BeTrue();
        }

        await using var db = app.SystemContext();
        var transmission = await db.Transmissions.AsNoTracking().SingleAsync(t => t.CommuneId == app.CommuneOne && t.Day == day);
        var applications = await db.Applications.Where(a => ids.Contains(a.Id)).ToListAsync();
        applications.Should().OnlyContain(a => a.TransmissionId == transmission.Id);
        foreach (var application in applications)
        {
            // Only the date moves; state and counts stay as the package left them.
            db.Entry(application).Property(a => a.TransmittedAt).CurrentValue = DateTime.UtcNow.AddDays(-daysAgo);
        }

        await db.SaveChangesAsync();
        return new AgedPackage(transmission.Id, transmission.Sha256, ids);
    }

    public static async Task<ApplicationCapture> CaptureAsync(AppFixture app, Guid applicationId)
    {
        await using var db = app.SystemContext();
        return await db.ApplicationCaptures.AsNoTracking().SingleAsync(c => c.ApplicationId == applicationId);
    }

    public static async Task<int> MemberOfAsync(AppFixture app, Guid applicationId)
    {
        await using var db = app.SystemContext();
        return await db.Applications.Where(a => a.Id == applicationId).Select(a => a.MemberId).SingleAsync();
    }

    public static async Task<long> LastAuditIdAsync(AppFixture app)
    {
        await using var db = app.SystemContext();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    public static async Task<List<AuditEntry>> AuditSinceAsync(AppFixture app, long since)
    {
        await using var db = app.SystemContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Id > since).OrderBy(e => e.Id).ToListAsync();
    }
}
