using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Features.PreCheck;

/// <summary>What a stretch of work did: members checked, and whether it stopped because the registry did not answer.</summary>
internal sealed record PreCheckRound(int Checked, bool RegistryUnavailable);

/// <summary>
/// Works through queued pre-check runs in the background, oldest first, one member at a time, at the
/// configured rate. Each answer is saved together with the run's counters and cursor in one
/// transaction, so a crash or a restart neither loses nor repeats a check: the run, kept in the
/// database, simply continues after the last stored member.
/// </summary>
/// <remarks>
/// Several web nodes each run this worker; two working on one run at once would check members twice and
/// count them twice. So the background loop works only while its node holds the lease <see cref="LeaseName"/>
/// (extended as a long run goes on); the other nodes skip their rounds. <see cref="RunStepsAsync"/> does not
/// look at the lease (tests call it directly).
/// </remarks>
internal sealed class PreCheckWorker(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<PreCheckOptions> options,
    WorkerLeases leases,
    PreCheckStopSignals stops,
    TimeProvider clock,
    ILogger<PreCheckWorker> logger) : BackgroundService
{
    public const string LeaseName = "pre-check";

    // The background loop and a caller of RunStepsAsync never work at the same time.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // When the last registry call of the pre-check started; shared by all runs, so the rate holds for the application.
    private long? _lastCallAt;

    private enum Step
    {
        /// <summary>No queued or running run.</summary>
        Idle,

        /// <summary>A member was checked and the answer stored.</summary>
        Checked,

        /// <summary>The registry did not answer; the cursor stayed where it was.</summary>
        Unavailable,

        /// <summary>A run had no member left and is now completed.</summary>
        Completed,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var wait = settings.Interval;
        var lease = WorkerLeases.DurationFor(settings.Interval);
        try
        {
            // The built-in registry is served by this very application: wait until it listens. The first
            // look comes one interval later, so that a run interrupted by a restart resumes by itself.
            await WhenStartedAsync(stoppingToken);
            while (true)
            {
                await Task.Delay(wait, clock, stoppingToken);
                try
                {
                    PreCheckRound? round = null;
                    await leases.RunIfHeldAsync(LeaseName, lease, async ct => round = await RunAsync(int.MaxValue, paced: true, ct), stoppingToken);
                    wait = round is { RegistryUnavailable: true } ? settings.RetryDelay : settings.Interval;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be restarting; the run continues from its cursor next time.
                    logger.LogWarning(ex, "Pre-check round failed");
                    wait = settings.Interval;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; an interrupted run stays Running and is taken up after the restart, or by another node.
        }
        finally
        {
            await leases.ReleaseOnStopAsync(LeaseName);
        }
    }

    /// <summary>
    /// Checks up to <paramref name="maxMembers"/> members of the queued runs without the rate-limit
    /// waits, and stops early when the registry does not answer or nothing is left. Returns the
    /// number of members checked. For tests that need to stop a run at a chosen point.
    /// </summary>
    public async Task<int> RunStepsAsync(int maxMembers, CancellationToken cancellationToken)
    {
        var round = await RunAsync(maxMembers, paced: false, cancellationToken);
        return round.Checked;
    }

    /// <summary>
    /// Works until <paramref name="maxMembers"/> members are checked, the registry fails to answer,
    /// or no run is left. With <paramref name="paced"/>, registry calls keep to the configured rate.
    /// </summary>
    internal async Task<PreCheckRound> RunAsync(int maxMembers, bool paced, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var done = 0;
            while (done < maxMembers)
            {
                switch (await StepAsync(paced, cancellationToken))
                {
                    case Step.Checked:
                        done++;
                        break;
                    case Step.Unavailable:
                        return new PreCheckRound(done, RegistryUnavailable: true);
                    case Step.Idle:
                        return new PreCheckRound(done, RegistryUnavailable: false);
                    case Step.Completed:
                        // On to the next run, if any.
                        break;
                }
            }

            return new PreCheckRound(done, RegistryUnavailable: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One member of the oldest unfinished run: ask the registry, store the answer with the run's progress.</summary>
    private async Task<Step> StepAsync(bool paced, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var factory = scope.ServiceProvider.GetRequiredService<ISystemDbContextFactory>();
        var checks = scope.ServiceProvider.GetRequiredService<RegistryCheckService>();
        await using var db = factory.CreateDbContext();

        var run = await db.PreCheckRuns
            .Where(r => r.State == PreCheckState.Queued || r.State == PreCheckState.Running)
            .OrderBy(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return Step.Idle;
        }

        if (run.State == PreCheckState.Queued)
        {
            // Only a run still queued becomes running: a stop stored in the meantime is not overwritten.
            var taken = await db.PreCheckRuns
                .Where(r => r.Id == run.Id && r.State == PreCheckState.Queued)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, PreCheckState.Running), cancellationToken);
            if (taken == 0)
            {
                return Step.Completed;
            }

            var state = db.Entry(run).Property(r => r.State);
            state.CurrentValue = PreCheckState.Running;
            state.OriginalValue = PreCheckState.Running;
            logger.LogInformation("Pre-check run {RunId} started: {Total} members", run.Id, run.Total);
        }

        var member = await PreCheckService.Eligible(db.PartyMembers, run.CommuneId, run.PartyCellId)
            .Where(m => m.Id > run.LastMemberId)
            .OrderBy(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            // Members added or exempted during the run change the count; the finished run reports what it checked.
            run.State = PreCheckState.Completed;
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
            run.Total = run.Done;
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation(
                "Pre-check run {RunId} completed: {Done} checked, {Matched} matched, {Warnings} with warnings, {Mismatched} mismatched, {NotFound} not found, {Unavailable} unanswered calls",
                run.Id, run.Done, run.Matched, run.Warnings, run.Mismatched, run.NotFound, run.Unavailable);
            return Step.Completed;
        }

        // A stop of this run cuts short the wait and the registry call under way (cooperative: nothing half-stored).
        using var stop = stops.Watch(run.Id);
        using var step = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        MemberCheck result;
        try
        {
            if (paced)
            {
                await PaceAsync(step.Token);
            }

            _lastCallAt = clock.GetTimestamp();
            result = await checks.CheckAsync(db, member, CheckSource.PreCheck, null, step.Token);
        }
        catch (OperationCanceledException) when (stop.StopRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Pre-check run {RunId} stopped by the committee after {Done} members", run.Id, run.Done);
            return Step.Completed;
        }

        if (stop.StopRequested && !cancellationToken.IsCancellationRequested)
        {
            // The registry client may report the cut-short call as unanswered: it says nothing, and is not stored.
            logger.LogInformation("Pre-check run {RunId} stopped by the committee after {Done} members", run.Id, run.Done);
            return Step.Completed;
        }

        var check = result.Check;
        switch (check.Outcome)
        {
            case CheckOutcome.Matched when check.HasWarnings:
                run.Warnings++;
                break;
            case CheckOutcome.Matched:
                run.Matched++;
                break;
            case CheckOutcome.Mismatched:
                run.Mismatched++;
                break;
            case CheckOutcome.NotFound:
                run.NotFound++;
                break;
            default:
                // No answer says nothing about the member: the cursor stays, and the same member is asked again.
                run.Unavailable++;
                break;
        }

        if (check.IsConclusive)
        {
            run.Done++;
            run.LastMemberId = member.Id;
            run.Total = Math.Max(run.Total, run.Done);
        }

        // The check, the worklist item and the run's progress in one transaction. Once the registry has
        // answered, the answer is kept even when shutdown has begun.
        await db.SaveChangesAsync(CancellationToken.None);
        if (!check.IsConclusive)
        {
            logger.LogWarning("Pre-check run {RunId}: the registry did not answer ({Reason}); the member is asked again later", run.Id, check.FailureReason);
            return Step.Unavailable;
        }

        return Step.Checked;
    }

    /// <summary>Waits until the configured spacing since the previous registry call has passed.</summary>
    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        if (_lastCallAt is not { } last)
        {
            return;
        }

        // Timers count whole milliseconds and may fire a little early: wait again until the spacing has really passed.
        TimeSpan wait;
        while ((wait = options.Value.Spacing - clock.GetElapsedTime(last)) > TimeSpan.Zero)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock, cancellationToken);
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
