using Microsoft.Extensions.Options;

namespace PartyCardIntake.Web.Features.Retention;

/// <summary>Runs <see cref="MediaRetention"/> once after start-up and then every <see cref="RetentionOptions.Interval"/>.</summary>
internal sealed class RetentionWorker(
    MediaRetention retention,
    IHostApplicationLifetime lifetime,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionWorker> logger) : BackgroundService
{
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
            using var timer = new PeriodicTimer(settings.Interval, clock);
            do
            {
                try
                {
                    await retention.RunOnceAsync(stoppingToken);
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
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }
}
