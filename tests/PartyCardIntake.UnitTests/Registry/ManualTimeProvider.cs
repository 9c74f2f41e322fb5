namespace PartyCardIntake.UnitTests.Registry;

/// <summary>
/// A clock that moves only when a test advances it. Polly's delays and timeouts and
/// CancellationTokenSource(delay, timeProvider) all go through <see cref="CreateTimer"/>, so advancing
/// fires them in order of their due time, without real waiting.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;

    public ManualTimeProvider(DateTimeOffset? start = null) =>
        _now = start ?? new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _now.UtcTicks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, each at its own time.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers
                    .Where(t => t.DueAt <= target)
                    .OrderBy(t => t.DueAt)
                    .ThenBy(t => t.Sequence)
                    .FirstOrDefault();
                if (due is null)
                {
                    _now = target;
                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt;
                }

                if (due.Period > TimeSpan.Zero)
                {
                    due.DueAt += due.Period;
                    due.Sequence = ++_sequence;
                }
                else
                {
                    _timers.Remove(due);
                }
            }

            // Outside the lock: callbacks create and change timers of their own.
            due.Fire();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.Sequence = ++_sequence;
            _timers.Add(timer);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

public static class ManualTimeProviderExtensions
{
    /// <summary>
    /// Starts <paramref name="operation"/> off the test's synchronisation context and advances fake
    /// time in small steps until it completes. Each step yields a millisecond of real time so that
    /// work released by a timer reaches its next wait before the clock moves on; lagging work can only
    /// happen later in fake time, never earlier.
    /// </summary>
    public static async Task<T> RunAsync<T>(this ManualTimeProvider time, Func<Task<T>> operation, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var task = Task.Run(operation);
        var stepBy = step ?? TimeSpan.FromMilliseconds(50);
        var giveUpAfter = limit ?? TimeSpan.FromMinutes(2);
        var advanced = TimeSpan.Zero;
        await Task.Delay(1);
        while (!task.IsCompleted)
        {
            if (advanced > giveUpAfter)
            {
                throw new TimeoutException($"The operation did not finish within {giveUpAfter} of fake time.");
            }

            time.Advance(stepBy);
            advanced += stepBy;
            await Task.Delay(1);
        }

        return await task;
    }
}
