using Microsoft.Extensions.Options;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Features.Retention;

/// <summary>
/// Runs <see cref="MediaRetention"/> once after start-up and then every <see cref="RetentionOptions.Interval"/>,
/// on the one web node that holds the lease <see cref="LeaseName"/>. The rule itself is safe to run on two nodes
/// at once; the lease keeps it to one run (and one audit entry) per interval across the nodes.
/// </summary>
internal sealed class RetentionWorker(
    MediaRetention retention,
    IHostApplicationLifetime lifetime,
    IOptions<RetentionOptions> options,
    WorkerLeases leases,
    TimeProvider clock,
    ILogger<RetentionWorker> logger) : BackgroundService
{
    public const string LeaseName = "retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogWarning("Media retention is switched off (Retention:Enabled=false): photos and signatures are kept until it is switched on");
            return;
        }

        try
        {
            // Migrations and seeding run before the host starts; wait for them.
            await WhenStartedAsync(stoppingToken);
            var lease = WorkerLeases.DurationFor(settings.Interval);
            using var timer = new PeriodicTimer(settings.Interval, clock);
            do
            {
                try
                {
                    await leases.RunIfHeldAsync(LeaseName, lease, ct => retention.RunOnceAsync(ct), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be restarting; whatever is left is taken up by the next run.
                    logger.LogWarning(ex, "Media retention run failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; committed batches stay done.
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
}
