using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.IntegrationTests.Review;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Retention;

namespace PartyCardIntake.IntegrationTests.Retention;

/// <summary>The background worker as configured: switched on, it applies the rule by itself (an application of its own per test).</summary>
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

    [Fact]
    public async Task The_worker_skips_its_rounds_while_another_node_holds_the_lease_and_takes_over_once_it_is_released()
    {
        var app = new SqliteApp();
        app.Factory.Set("Retention:Enabled", "true");
        app.Factory.Set("Retention:Interval", "00:00:00.200");
        await app.Factory.Database.MigrateAsync();
        await using (var db = app.SystemContext())
        {
            db.WorkerLeases.Add(new WorkerLease { Name = RetentionWorker.LeaseName, Holder = "other-node/1/0a0b0c0d", ExpiresAt = DateTime.UtcNow.AddHours(1), Rounds = 7 });
            await db.SaveChangesAsync();
        }

        try
        {
            await app.InitializeAsync();
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            (await RetentionRunsAsync(app)).Should().Be(0, "the other node holds the lease");
            (await LeaseAsync(app)).Rounds.Should().Be(7);

            // The other node stops gracefully.
            await using (var db = app.SystemContext())
            {
                await db.WorkerLeases.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, string.Empty).SetProperty(l => l.ExpiresAt, DateTime.UtcNow));
            }

            await WaitForRunAsync(app);
            var lease = await LeaseAsync(app);
            lease.Holder.Should().Be(app.Factory.Services.GetRequiredService<WorkerLeases>().Holder);
            lease.Rounds.Should().BeGreaterThan(7);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_graceful_stop_releases_the_lease_for_the_other_nodes()
    {
        var app = new SqliteApp();
        app.Factory.Set("Retention:Enabled", "true");
        app.Factory.Set("Retention:Interval", "00:00:00.200");
        try
        {
            await app.InitializeAsync();
            await WaitForRunAsync(app);
            (await LeaseAsync(app)).Holder.Should().Be(app.Factory.Services.GetRequiredService<WorkerLeases>().Holder);

            await app.Factory.Services.GetRequiredService<IHost>().StopAsync();

            var lease = await LeaseAsync(app);
            lease.Holder.Should().BeEmpty();
            lease.ExpiresAt.Should().BeOnOrBefore(DateTime.UtcNow);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task<int> RetentionRunsAsync(SqliteApp app)
    {
        await using var db = app.SystemContext();
        return await db.AuditEntries.CountAsync(e => e.Action == AuditAction.MediaRetention);
    }

    private static async Task WaitForRunAsync(SqliteApp app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await RetentionRunsAsync(app) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await RetentionRunsAsync(app)).Should().BeGreaterThan(0, "the worker should have run by now");
    }

    private static async Task<WorkerLease> LeaseAsync(SqliteApp app)
    {
        await using var db = app.SystemContext();
        return await db.WorkerLeases.AsNoTracking().SingleAsync(l => l.Name == RetentionWorker.LeaseName);
    }
}
