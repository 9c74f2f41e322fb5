using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// What each desk save asks of the database, counted from EF Core's own diagnostic events inside a measured
/// window: statements by kind and table with their time, connections opened, write transactions, the wait for
/// the process's SQLite write gate and how long each write transaction holds it (only one can, so that hold bounds
/// the rate). Subscribing makes EF Core build an event object for everything it does, so a profiled run is slower
/// than the table's; its figures explain, they are not the result.
/// </summary>
internal sealed partial class SaveProfile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable all;
    private readonly List<IDisposable> listeners = [];
    private readonly ConcurrentDictionary<string, Stat> statements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, long> starting = new();
    private readonly ConcurrentDictionary<Guid, long> started = new();
    private readonly Stat gateWait = new();
    private readonly Stat held = new();
    private readonly Stat commit = new();
    private long connectionsOpened;
    private long commandErrors;
    private long windowFrom;
    private long windowTo;
    private long allocatedFrom;
    private long allocatedTo;
    private TimeSpan gcPauseFrom;
    private TimeSpan gcPauseTo;
    private int gen0From;
    private int gen0To;
    private int gen2From;
    private int gen2To;
    private int auditEntries;
    private volatile bool counting;

    private SaveProfile() => all = DiagnosticListener.AllListeners.Subscribe(this);

    public static SaveProfile Start() => new();

    public void OpenWindow()
    {
        allocatedFrom = GC.GetTotalAllocatedBytes();
        gcPauseFrom = GC.GetTotalPauseDuration();
        gen0From = GC.CollectionCount(0);
        gen2From = GC.CollectionCount(2);
        windowFrom = Stopwatch.GetTimestamp();
        counting = true;
    }

    public void CloseWindow()
    {
        counting = false;
        windowTo = Stopwatch.GetTimestamp();
        allocatedTo = GC.GetTotalAllocatedBytes();
        gcPauseTo = GC.GetTotalPauseDuration();
        gen0To = GC.CollectionCount(0);
        gen2To = GC.CollectionCount(2);
    }

    public void End(int auditEntriesAdded) => auditEntries = auditEntriesAdded;

    public Report Finish(int desks, SubmissionsBenchmark.ServiceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var window = Stopwatch.GetElapsedTime(windowFrom, windowTo);
        return new Report(
            desks, window, result.Latency.Count, result.Errors, result.CpuMsPerSubmission, result.Latency.Percentile(50),
            statements.OrderByDescending(s => s.Value.Count).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value.Snapshot())).ToList(),
            Interlocked.Read(ref connectionsOpened), Interlocked.Read(ref commandErrors), gateWait.Snapshot(), held.Snapshot(), commit.Snapshot(),
            (allocatedTo - allocatedFrom) / 1024.0, gcPauseTo - gcPauseFrom, gen0To - gen0From, gen2To - gen2From, auditEntries, ValidationMs());
    }

    public void Dispose()
    {
        all.Dispose();
        lock (listeners)
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name || value.Name == NewApplicationTimings.ListenerName)
        {
            lock (listeners)
            {
                listeners.Add(value.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (!counting)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        switch (value.Value)
        {
            // The desk's save on SQLite runs its own prepared statements, outside EF's events.
            case NewApplicationTimings saved:
                statements.GetOrAdd("INSERT Applications (prepared)", _ => new Stat()).Add(saved.Application);
                statements.GetOrAdd("INSERT ApplicationCaptures (prepared)", _ => new Stat()).Add(saved.Capture);
                statements.GetOrAdd("INSERT ApplicationDayCounts (prepared)", _ => new Stat()).Add(saved.Count);
                gateWait.Add(saved.GateWait);
                commit.Add(saved.Commit);
                held.Add(saved.Held);
                break;
            case CommandExecutedEventData executed when value.Key == RelationalEventId.CommandExecuted.Name:
                statements.GetOrAdd(Kind(executed.Command.CommandText), _ => new Stat()).Add(executed.Duration);
                break;
            case CommandErrorEventData:
                Interlocked.Increment(ref commandErrors);
                break;
            case ConnectionEndEventData when value.Key == RelationalEventId.ConnectionOpened.Name:
                Interlocked.Increment(ref connectionsOpened);
                break;
            case TransactionStartingEventData beginning:
                starting[beginning.TransactionId] = now;
                break;
            case TransactionEndEventData ended when value.Key == RelationalEventId.TransactionStarted.Name:
                started[ended.TransactionId] = now;
                if (starting.TryRemove(ended.TransactionId, out var asked))
                {
                    gateWait.Add(Stopwatch.GetElapsedTime(asked, now));
                }

                break;
            case TransactionEndEventData ended when value.Key == RelationalEventId.TransactionCommitted.Name || value.Key == RelationalEventId.TransactionRolledBack.Name:
                commit.Add(ended.Duration);
                if (started.TryRemove(ended.TransactionId, out var begun))
                {
                    held.Add(Stopwatch.GetElapsedTime(begun, now));
                }

                break;
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    /// <summary>"SELECT Applications", "INSERT ApplicationCaptures", "PRAGMA secure_delete": verb and first table.</summary>
    private static string Kind(string sql)
    {
        var text = sql.TrimStart();
        var match = Statement().Match(text);
        if (match.Success)
        {
            return $"{match.Groups["verb"].Value.Split(' ')[0].ToUpperInvariant()} {match.Groups["table"].Value}";
        }

        return text.Split([' ', '\n', ';'], 2)[0].ToUpperInvariant();
    }

    [GeneratedRegex("""^(?:(?<verb>INSERT INTO|UPDATE|DELETE FROM)\s+"(?<table>[^"]+)"|(?<verb>SELECT)\b.*?\bFROM\s+"(?<table>[^"]+)"|(?<verb>PRAGMA)\s+(?<table>\w+))""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Statement();

    /// <summary>The two validators' CPU for one capture, single-threaded, after a warm-up: work no database rate can remove.</summary>
    private static double ValidationMs()
    {
        var photo = DeskClient.Fixture("photo-600x800-60k.jpg");
        var signature = DeskClient.Fixture("signature-600x200.png");
        var strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));
        for (var i = 0; i < 50; i++)
        {
            _ = PhotoValidator.Validate(photo, PhotoRules.Default);
            _ = SignatureValidator.Validate(signature, strokes, SignatureRules.Default);
        }

        const int rounds = 500;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            _ = PhotoValidator.Validate(photo, PhotoRules.Default);
            _ = SignatureValidator.Validate(signature, strokes, SignatureRules.Default);
        }

        return watch.Elapsed.TotalMilliseconds / rounds;
    }

    public sealed record Figures(long Count, double MeanMs, double TotalMs);

    private sealed class Stat
    {
        private long count;
        private long ticks;

        public long Count => Interlocked.Read(ref count);

        public void Add(TimeSpan elapsed)
        {
            Interlocked.Increment(ref count);
            Interlocked.Add(ref ticks, elapsed.Ticks);
        }

        public Figures Snapshot()
        {
            var n = Interlocked.Read(ref count);
            var total = TimeSpan.FromTicks(Interlocked.Read(ref ticks)).TotalMilliseconds;
            return new Figures(n, n == 0 ? 0 : total / n, total);
        }
    }

    public sealed record Report(
        int Desks, TimeSpan Window, int Submissions, int Errors, double CpuMsPerSubmission, double P50Ms,
        IReadOnlyList<(string Kind, Figures Figures)> Statements, long ConnectionsOpened, long CommandErrors,
        Figures GateWait, Figures Held, Figures Commit, double AllocatedKb, TimeSpan GcPause, int Gen0Collections, int Gen2Collections, int AuditEntries, double ValidationMs)
    {
        public void Print()
        {
            var n = Math.Max(1, Submissions);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine();
            Console.WriteLine(string.Create(inv, $"Profile, {Desks} desks, {Window.TotalSeconds:0.0} s window, {Submissions:N0} submissions ({Submissions / Window.TotalSeconds:0.0}/s with EF Core's diagnostic events on), {Errors} errors, p50 {P50Ms:0.0} ms, {CpuMsPerSubmission:0.00} CPU ms per submission:"));
            Console.WriteLine();
            Console.WriteLine("| per submission | value |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(string.Create(inv, $"| statements (all kinds) | {Statements.Sum(s => s.Figures.Count) / (double)n:0.00} |"));
            Console.WriteLine(string.Create(inv, $"| connections opened (`PRAGMA secure_delete=ON` runs only on a new database handle) | {ConnectionsOpened / (double)n:0.00} |"));
            Console.WriteLine(string.Create(inv, $"| write transactions | {Held.Count / (double)n:0.00} |"));
            Console.WriteLine(string.Create(inv, $"| wait for the write gate and BEGIN IMMEDIATE, mean ms | {GateWait.MeanMs:0.00} |"));
            Console.WriteLine(string.Create(inv, $"| write transaction held (BEGIN … COMMIT: what one writer at a time does), mean ms | {Held.MeanMs:0.00} |"));
            Console.WriteLine(string.Create(inv, $"| of which the commit (COMMIT and the WAL's fsync; in a save through EF also the counts' upsert), mean ms | {Commit.MeanMs:0.00} |"));
            Console.WriteLine(string.Create(inv, $"| write gate busy, share of the window | {Held.TotalMs / Window.TotalMilliseconds:0%} |"));
            Console.WriteLine(string.Create(inv, $"| audit entries appended | {AuditEntries / (double)n:0.00} |"));
            Console.WriteLine(string.Create(inv, $"| managed memory allocated, KB | {AllocatedKb / n:0} |"));
            Console.WriteLine(string.Create(inv, $"| GC pauses, ms (whole window: {GcPause.TotalMilliseconds:0} ms, {Gen0Collections} gen-0 and {Gen2Collections} gen-2 collections) | {GcPause.TotalMilliseconds / n:0.000} |"));
            Console.WriteLine(string.Create(inv, $"| photo + signature validation alone (one thread, outside the run), ms | {ValidationMs:0.00} |"));
            Console.WriteLine(string.Create(inv, $"| command errors (whole window) | {CommandErrors} |"));
            Console.WriteLine();
            Console.WriteLine("| statement | per submission | mean ms | ms per submission |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (kind, figures) in Statements)
            {
                Console.WriteLine(string.Create(inv, $"| {kind} | {figures.Count / (double)n:0.00} | {figures.MeanMs:0.000} | {figures.TotalMs / n:0.000} |"));
            }
        }
    }
}
