namespace PartyCardIntake.Web.Features.Import;

/// <summary>Where a commit stands, as the import worker last published it.</summary>
public sealed record ImportProgressUpdate(int ImportId, int ProcessedRows, int ValidRows, bool Finished)
{
    public int Percent => ValidRows <= 0 ? 100 : (int)Math.Clamp(100L * ProcessedRows / ValidRows, 0, 100);
}

/// <summary>
/// Import progress in memory, pushed by the import worker to the pages watching that import on this node: no page
/// reads the database to follow a commit. Notifications of one import are coalesced to at most one every
/// <see cref="MinInterval"/> (the last one, "finished", always goes out).
/// </summary>
public sealed class ImportProgressFeed(TimeProvider clock)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock gate = new();
    private readonly Dictionary<int, Watch> watches = [];

    /// <summary>Calls <paramref name="listener"/> with each published step of the import. The caller has checked the import is the user's.</summary>
    public IDisposable Subscribe(int importId, Func<ImportProgressUpdate, Task> listener)
    {
        lock (gate)
        {
            if (!watches.TryGetValue(importId, out var watch))
            {
                watches[importId] = watch = new Watch();
            }

            watch.Listeners.Add(listener);
        }

        return new Subscription(this, importId, listener);
    }

    /// <summary>Published by the worker as rows are written; dropped when nobody watches or the last notice is too recent.</summary>
    public void Publish(ImportProgressUpdate update)
    {
        Func<ImportProgressUpdate, Task>[] listeners;
        lock (gate)
        {
            if (!watches.TryGetValue(update.ImportId, out var watch) || watch.Listeners.Count == 0)
            {
                return;
            }

            var now = clock.GetTimestamp();
            if (!update.Finished && watch.LastSent is { } last && clock.GetElapsedTime(last, now) < MinInterval)
            {
                return;
            }

            watch.LastSent = now;
            listeners = [.. watch.Listeners];
        }

        foreach (var listener in listeners)
        {
            // A page's handler only hands the update to its circuit (InvokeAsync); the worker never waits for a page.
            _ = Notify(listener, update);
        }
    }

    private static async Task Notify(Func<ImportProgressUpdate, Task> listener, ImportProgressUpdate update)
    {
        try
        {
            await listener(update);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // A page that went away in the meantime.
        }
    }

    private void Unsubscribe(int importId, Func<ImportProgressUpdate, Task> listener)
    {
        lock (gate)
        {
            if (watches.TryGetValue(importId, out var watch))
            {
                watch.Listeners.Remove(listener);
                if (watch.Listeners.Count == 0)
                {
                    watches.Remove(importId);
                }
            }
        }
    }

    /// <summary>How many imports are watched, for the tests that check a page lets go of its subscription.</summary>
    internal int Watched
    {
        get
        {
            lock (gate)
            {
                return watches.Count;
            }
        }
    }

    private sealed class Watch
    {
        public List<Func<ImportProgressUpdate, Task>> Listeners { get; } = [];

        public long? LastSent { get; set; }
    }

    private sealed class Subscription(ImportProgressFeed feed, int importId, Func<ImportProgressUpdate, Task> listener) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                feed.Unsubscribe(importId, listener);
            }
        }
    }
}
