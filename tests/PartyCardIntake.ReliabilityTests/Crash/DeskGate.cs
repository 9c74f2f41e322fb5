namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>
/// Holds the desks between a kill and the end of the checks that follow the restart: a desk passes the gate
/// before each request, so nothing reaches the restarted node before the database has been checked, and every
/// retry of a request cut by the kill goes to the node that came back.
/// </summary>
internal sealed class DeskGate
{
    private readonly Lock _sync = new();
    private TaskCompletionSource _open = Opened();
    private int _waiting;

    /// <summary>Desks waiting at the closed gate.</summary>
    public int Waiting
    {
        get
        {
            lock (_sync)
            {
                return _waiting;
            }
        }
    }

    public void Close()
    {
        lock (_sync)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Open()
    {
        lock (_sync)
        {
            _open.TrySetResult();
        }
    }

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        Task open;
        lock (_sync)
        {
            if (_open.Task.IsCompleted)
            {
                return;
            }

            open = _open.Task;
            _waiting++;
        }

        try
        {
            await open.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_sync)
            {
                _waiting--;
            }
        }
    }

    /// <summary>Waits until <paramref name="desks"/> desks stand at the closed gate (their requests cut by the kill have failed).</summary>
    public async Task<bool> AllWaitingAsync(Func<int> desks, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Waiting < desks())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
