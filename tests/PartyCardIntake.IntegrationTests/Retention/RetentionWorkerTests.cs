using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Review;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Retention;

namespace PartyCardIntake.IntegrationTests.Retention;

/// <summary>The background worker as configured: switched on, it applies the rule by itself (an application of its own).</summary>
public sealed class RetentionWorkerTests
{
    [Fact]
    public async Task The_worker_deletes_the_media_of_a_record_transmitted_long_ago_by_itself()
    {
        var app = new SqliteApp();
        app.Factory.Set("Retention:Enabled", "true");
        app.Factory.Set("Retention:Interval", "00:00:00.200");
        app.Factory.Set("Retention:MediaDays", "10");
        try
        {
            await app.InitializeAsync();
            var old = await ReviewData.ApprovedOnAsync(app, RetentionData.Today.AddDays(-20));
            var recent = await ReviewData.ApprovedOnAsync(app, RetentionData.Today.AddDays(-20));
            await using (var db = app.SystemContext())
            {
                (await db.Applications.SingleAsync(a => a.Id == old)).MarkTransmitted(DateTime.UtcNow.AddDays(-11));
                (await db.Applications.SingleAsync(a => a.Id == recent)).MarkTransmitted(DateTime.UtcNow.AddDays(-9));
                await db.SaveChangesAsync();
            }

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await RetentionData.CaptureAsync(app, old)).HasMedia && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            (await RetentionData.CaptureAsync(app, old)).HasMedia.Should().BeFalse("the record was transmitted 11 days ago, the rule says 10");
            (await RetentionData.CaptureAsync(app, recent)).HasMedia.Should().BeTrue();
            await using var check = app.SystemContext();
            (await check.AuditEntries.AnyAsync(e => e.Action == AuditAction.MediaRetention && e.UserName == MediaRetention.SystemUser && e.Target!.StartsWith("media deleted=1 ")))
                .Should().BeTrue();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
