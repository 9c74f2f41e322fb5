using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Features.Review;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.Web.Features.Desk;

/// <summary>
/// Re-checks records saved while the registry was unreachable, with back-off, until the registry
/// gives an answer. A member never has to come back because of a technical fault.
/// </summary>
/// <remarks>
/// With several web nodes, a round runs only on the node that holds the lease <see cref="LeaseName"/>, so that
/// no record is sent to the registry twice; the others skip the round. <see cref="RunOnceAsync"/> itself does not
/// look at the lease (tests call it directly).
/// </remarks>
internal sealed class VerificationWorker(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<VerificationOptions> options,
    WorkerLeases leases,
    DeskActivityFeed activity,
    VietnamTime time,
    TimeProvider clock,
    ILogger<VerificationWorker> logger) : BackgroundService
{
    public const string LeaseName = "verification";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The built-in registry is served by this very application: wait until it listens.
        await WhenStartedAsync(stoppingToken);
        var lease = WorkerLeases.DurationFor(options.Value.Interval);
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        try
        {
            do
            {
                try
                {
                    await leases.RunIfHeldAsync(LeaseName, lease, ct => RunOnceAsync(ct), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be restarting; the next round tries again.
                    logger.LogWarning(ex, "Re-check round failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            await leases.ReleaseOnStopAsync(LeaseName);
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    /// <summary>One round: the records that are due, oldest first, one registry call each.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var factory = scope.ServiceProvider.GetRequiredService<ISystemDbContextFactory>();
        var checks = scope.ServiceProvider.GetRequiredService<RegistryCheckService>();
        var settings = options.Value;
        await using var db = factory.CreateDbContext();
        var dueBy = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.StartOfDayUtc(time.Today);
        var due = await db.Applications
            .Include(a => a.Member)
            .Where(a => a.Verification == VerificationStatus.Pending && a.State != ApplicationState.Cancelled && a.NextVerificationAt <= dueBy)
            .OrderBy(a => a.NextVerificationAt)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var resolved = 0;
        foreach (var application in due)
        {
            // A conflict earlier in the round cleared the context; the rest of the batch is still as it was read.
            if (db.Entry(application).State == EntityState.Detached)
            {
                db.Attach(application);
            }

            var result = await checks.CheckAsync(db, application.Member!, CheckSource.Recheck, null, cancellationToken);
            result.Check.ApplicationId = application.Id;
            var outcome = result.Check.Outcome;
            var now = clock.GetUtcNow().UtcDateTime;
            application.ApplyCheck(outcome, result.Check.HasWarnings, now, settings.RetryDelay(application.VerificationAttempts + 1));

            // Read per record rather than per round, so that a lead switching auto-approval on is followed at once.
            await AutoApproval.ApplyAsync(db, application, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else (another node, a reviewer) changed the record meanwhile; it will come round again.
                db.ChangeTracker.Clear();
                continue;
            }

            // Today's records of the site show the verification and the attempts; older records are not on a desk.
            if (application.IntakeSiteId is { } siteId && application.SubmittedAt >= today)
            {
                activity.Publish(siteId);
            }

            if (outcome != CheckOutcome.Unavailable)
            {
                resolved++;
            }
            else if (result.Check.FailureReason == "circuit-open")
            {
                // The registry is known to be down: the rest of the batch would fail the same way.
                break;
            }
        }

        if (due.Count > 0)
        {
            logger.LogInformation("Re-checked {Count} pending records, {Resolved} resolved", due.Count, resolved);
        }

        return resolved;
    }
}
