using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// What an open page costs the server now that pages are Blazor Server circuits (decision 0013), and how
/// fast moving between pages is in a real browser. The application runs as its own process (Release build,
/// server GC, SQLite with the demo data); Debian's Chromium is driven by Playwright.
/// <list type="number">
/// <item>Memory: N pages of one signed-in browser context (each page its own circuit) opened and left idle;
/// after a settle period and a full GC induced from outside, the node's resident set and the runtime's
/// gc-heap-size counter, against the same readings with no page open. Per circuit = difference ÷ N.</item>
/// <item>Navigation: demo.lead clicks through the drawer; time from the click to the new page's h1 visible
/// (and, for interactive pages, <c>main[data-interactive='true']</c>), by kind of navigation.</item>
/// </list>
/// </summary>
internal static partial class CircuitsBenchmark
{
    /// <param name="Hold">How long the largest set of pages stays open after its reading, to look at the node with other tools (dotnet-gcdump, dotnet-counters).</param>
    public sealed record Options(int Pages, int Navigations, TimeSpan Settle, IReadOnlyList<(string User, string Path)> Targets, TimeSpan Hold);

    public sealed record Reading(int Pages, long RssBytes, double HeapMb, double CommittedMb, int OpenCircuits, bool GcInduced);

    public sealed record MemoryResult(string User, string Path, bool Interactive, IReadOnlyList<Reading> Readings, string Note);

    public sealed record NavigationResult(IReadOnlyList<Measurement> Kinds, IReadOnlyList<string> InteractiveTargets, IReadOnlyList<string> StaticTargets);

    private const string InteractiveMarker = "main[data-interactive='true']";

    public static async Task<(List<MemoryResult> Memory, NavigationResult? Navigation)> RunAsync(Options options)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PARTYCARD_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run",
            ],
        });

        var memory = new List<MemoryResult>();
        foreach (var (user, path) in options.Targets)
        {
            memory.Add(await MeasureMemoryAsync(browser, user, path, options));
        }

        NavigationResult? navigation = null;
        if (options.Navigations > 0)
        {
            navigation = await MeasureNavigationAsync(browser, options.Navigations);
        }

        return (memory, navigation);
    }

    private static async Task<(TestDatabase Database, AppProcess Node)> StartNodeAsync(string name)
    {
        var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var settings = AppProcess.DemoSettings(database);
        // The benchmark's own console keeps warnings only (Program.cs), and the node inherits that; its circuit lines are needed.
        settings["Serilog:MinimumLevel:Override:PartyCardIntake.Web.Security.CircuitUserHandler"] = "Information";
        var node = new AppProcess(settings, name: name);
        Console.WriteLine($"circuits: starting the node for {name} (SQLite, demo data, {Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(AppProcess.WebAssembly)))} build)…");
        await node.StartAsync(TimeSpan.FromMinutes(3));
        Console.WriteLine($"circuits: node is process {node.ProcessId}");
        return (database, node);
    }

    private static async Task<MemoryResult> MeasureMemoryAsync(IBrowser browser, string user, string path, Options options)
    {
        var (database, node) = await StartNodeAsync($"{user} {path}");
        await using var _ = database;
        await using var __ = node;
        var log = new CircuitLog(node);
        await using var counters = RuntimeCounters.Start(node.ProcessId);
        await using var context = await NewContextAsync(browser, node);
        var pages = new List<IPage>();
        try
        {
            await SignInAsync(context, user);
            if (path.StartsWith("/desk", StringComparison.Ordinal))
            {
                await ChooseStationAsync(context);
            }

            // Warm-up: the first renders of the page compile its code; open and close it a few times before the baseline.
            var probe = await OpenAsync(context, path);
            var interactive = await IsInteractiveAsync(probe);
            for (var i = 0; i < 3; i++)
            {
                pages.Add(await OpenAsync(context, path, interactive));
            }

            pages.Add(probe);
            await CloseAllAsync(pages);
            await log.WaitUntilOpenAsync(0);

            var readings = new List<Reading> { await ReadAsync(node, counters, log, 0, options.Settle) };
            var note = string.Empty;
            if (!interactive)
            {
                pages.Add(await OpenAsync(context, path, interactive: false));
                await Task.Delay(TimeSpan.FromSeconds(3));
                readings.Add(await ReadAsync(node, counters, log, 1, options.Settle));
                note = $"static page: no circuit ({log.Opened} circuits opened in all, all by the sign-in's redirect and none by {path}); not measured with more pages";
                Console.WriteLine($"circuits: {path} as {user} is static ({note})");
                await CloseAllAsync(pages);
                return new MemoryResult(user, path, false, readings, note);
            }

            foreach (var n in new[] { 1, options.Pages }.Distinct().Where(n => n > 0))
            {
                using var gate = new SemaphoreSlim(4);
                var opening = Enumerable.Range(0, n - pages.Count).Select(async _ =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var page = await OpenAsync(context, path, interactive: true);
                        log.Refresh();
                        return page;
                    }
                    finally
                    {
                        gate.Release();
                    }
                }).ToList();
                var clock = Stopwatch.StartNew();
                pages.AddRange(await Task.WhenAll(opening));
                Console.WriteLine($"circuits: {pages.Count} pages of {path} open as {user} ({clock.Elapsed.TotalSeconds:0} s)");
                await log.WaitUntilOpenAsync(pages.Count);
                readings.Add(await ReadAsync(node, counters, log, pages.Count, options.Settle));
                if (log.Open != pages.Count)
                {
                    note = $"expected {pages.Count} open circuits, the log shows {log.Open}";
                }
            }

            if (options.Hold > TimeSpan.Zero)
            {
                Console.WriteLine($"circuits: holding {pages.Count} pages open for {options.Hold.TotalSeconds:0} s (node process {node.ProcessId})");
                await Task.Delay(options.Hold);
            }

            // Afterwards: every page closed by leaving it, as a browser tab closes.
            var open = pages.Count;
            await CloseAllAsync(pages);
            await log.WaitUntilOpenAsync(0);
            var closed = await ReadAsync(node, counters, log, 0, options.Settle);
            note = (note.Length > 0 ? note + "; " : string.Empty) + string.Create(
                CultureInfo.InvariantCulture,
                $"after closing the {open} pages: {closed.OpenCircuits} circuits open, RSS {closed.RssBytes / 1048576.0:0} MB, gc-heap-size {closed.HeapMb * 1_000_000 / 1048576.0:0.0} MB, gc-committed {closed.CommittedMb * 1_000_000 / 1048576.0:0.0} MB");
            return new MemoryResult(user, path, true, readings, note);
        }
        finally
        {
            await CloseAllAsync(pages);
            await node.StopAsync();
        }
    }

    private static async Task<Reading> ReadAsync(AppProcess node, RuntimeCounters counters, CircuitLog log, int pages, TimeSpan settle)
    {
        await Task.Delay(settle);
        var induced = await counters.ForceGcAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var now = DateTime.UtcNow;
        var heap = await counters.NextAsync("gc-heap-size", now);
        var committed = await counters.NextAsync("gc-committed", now);
        var rss = node.ResidentBytes() ?? throw new InvalidOperationException("The node stopped:\n" + node.RecentLog());
        log.Refresh();
        var reading = new Reading(pages, rss, heap, committed, log.Open, induced);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"circuits: {pages} pages: RSS {rss / 1048576.0:0.0} MiB, gc-heap-size {heap:0.0} MB, gc-committed {committed:0.0} MB (10^6 bytes, as the counters give them), {log.Open} circuits open, GC induced: {induced}"));
        return reading;
    }

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, AppProcess node)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = node.Address.ToString(),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(120_000);
        return context;
    }

    /// <summary>Signs in through the form; the pages of the context share its cookie. The sign-in tab is left (its circuit closes).</summary>
    private static async Task SignInAsync(IBrowserContext context, string user)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(PartyCardAppFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));
        await page.Locator("main h1").First.WaitForAsync();
        if (await page.Locator("main[data-interactive]").CountAsync() > 0)
        {
            // Left only once its circuit is up, so that no half-started circuit stays behind.
            await page.Locator(InteractiveMarker).WaitForAsync();
        }

        await CloseAllAsync([page]);
    }

    /// <summary>The desk's first station, kept in the context's cookie as an officer chooses it at the start of a day.</summary>
    private static async Task ChooseStationAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/desk/station");
        await page.GetByTestId("station-form").Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/desk$"));
        await page.Locator(InteractiveMarker).WaitForAsync();
        await CloseAllAsync([page]);
    }

    /// <summary>A new tab at <paramref name="path"/>; with <paramref name="interactive"/> it waits until the page's circuit is up.</summary>
    private static async Task<IPage> OpenAsync(IBrowserContext context, string path, bool interactive = false)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        if (!new Uri(page.Url).AbsolutePath.Equals(path, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} led to {page.Url}.");
        }

        await page.Locator("h1").First.WaitForAsync();
        if (interactive)
        {
            await page.Locator(InteractiveMarker).WaitForAsync();
        }

        return page;
    }

    /// <summary>Interactive when the MudBlazor layout's marker turns true within 20 s; static pages have no marker or keep "false".</summary>
    private static async Task<bool> IsInteractiveAsync(IPage page)
    {
        if (await page.Locator("main[data-interactive]").CountAsync() == 0)
        {
            return false;
        }

        try
        {
            await page.Locator(InteractiveMarker).WaitForAsync(new() { Timeout = 20_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Leaves every page first (blazor.web.js tells the server on unload, so its circuit closes at once) and then closes the tab.</summary>
    private static async Task CloseAllAsync(List<IPage> pages)
    {
        // The beacon is sent on leaving the page; a tab closed right after may take it with it, and its circuit would
        // then wait out Circuits:DisconnectedRetention instead. So each tab stays a second on about:blank.
        foreach (var chunk in pages.Where(p => !p.IsClosed).Chunk(4))
        {
            await Task.WhenAll(chunk.Select(async page =>
            {
                await page.GotoAsync("about:blank");
                await Task.Delay(1000);
                await page.CloseAsync();
            }));
        }

        pages.Clear();
    }

    /// <summary>
    /// Page-to-page navigation as demo.lead: the drawer's targets are sorted into interactive and static pages
    /// first; then, from an interactive page, a click on a drawer link (in-circuit navigation to an interactive page,
    /// or a full load into a static one), and from a static page a click on its own menu's link back to an
    /// interactive page (a full load that starts a new circuit).
    /// </summary>
    private static async Task<NavigationResult> MeasureNavigationAsync(IBrowser browser, int navigations)
    {
        var (database, node) = await StartNodeAsync("navigation");
        await using var _ = database;
        await using var __ = node;
        await using var context = await NewContextAsync(browser, node);
        context.SetDefaultTimeout(60_000);
        await SignInAsync(context, DemoAccounts.Lead);
        var page = await OpenAsync(context, "/", interactive: true);
        var targets = (await page.Locator(".app-nav a[href]").EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)")).Distinct().ToList();
        var interactive = new List<string>();
        var statics = new List<string>();
        foreach (var target in targets)
        {
            var probe = await OpenAsync(context, target);
            (await IsInteractiveAsync(probe) ? interactive : statics).Add(target);
            await CloseAllAsync([probe]);
        }

        Console.WriteLine($"circuits: drawer of demo.lead: interactive {string.Join(", ", interactive)}; static {string.Join(", ", statics)}");
        if (interactive.Count == 0)
        {
            throw new InvalidOperationException("No interactive page in the drawer.");
        }

        var inCircuit = new Measurement("interactive → interactive (drawer click, same circuit): h1 and marker");
        var toStatic = new Measurement("interactive → static (drawer click, full load): h1");
        var toInteractiveH1 = new Measurement("static → interactive (menu click, full load, new circuit): h1");
        var toInteractive = new Measurement("static → interactive (menu click, full load, new circuit): h1 and marker");
        var current = "/";
        var order = targets.Where(t => t != "/").Concat(["/"]).ToList();
        var done = 0;
        var step = 0;

        // Two rounds unmeasured first, so that every page has been compiled and its data cached as after a morning's use.
        var warmUp = 2 * order.Count;
        while (done < navigations)
        {
            var target = order[step++ % order.Count];
            if (target == current)
            {
                continue;
            }

            var measured = step > warmUp;
            if (interactive.Contains(target))
            {
                var (h1, marker) = await ClickAsync(page, $".app-nav a[href='{target}']", target, interactive: true);
                if (measured)
                {
                    inCircuit.Add(marker);
                    done++;
                }
            }
            else
            {
                var (h1, _) = await ClickAsync(page, $".app-nav a[href='{target}']", target, interactive: false);
                var back = interactive[step % interactive.Count];
                var (backH1, backMarker) = await ClickAsync(page, $"nav a[href='{back}']", back, interactive: true);
                if (measured)
                {
                    toStatic.Add(h1);
                    toInteractiveH1.Add(backH1);
                    toInteractive.Add(backMarker);
                    done += 2;
                }

                target = back;
            }

            current = target;
        }

        await CloseAllAsync([page]);
        await node.StopAsync();
        return new NavigationResult([.. new[] { inCircuit, toStatic, toInteractiveH1, toInteractive }.Where(m => m.Count > 0)], interactive, statics);
    }

    /// <summary>Clicks <paramref name="link"/> and times until the new page's h1 is visible, and (interactive) until the circuit's marker is.</summary>
    private static async Task<(TimeSpan H1, TimeSpan Marker)> ClickAsync(IPage page, string link, string target, bool interactive)
    {
        // The h1 of the page being left is marked, so that only the new page's h1 counts.
        await page.EvaluateAsync("() => document.querySelectorAll('h1').forEach(h => h.setAttribute('data-bench-old', ''))");
        var anchor = page.Locator(link).First;
        await anchor.WaitForAsync();
        var clock = Stopwatch.StartNew();
        await anchor.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == target, new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("main h1:not([data-bench-old])").First.WaitForAsync();
        var h1 = clock.Elapsed;
        var marker = h1;
        if (interactive)
        {
            await page.Locator(InteractiveMarker).WaitForAsync();
            marker = clock.Elapsed;
        }

        return (h1, marker);
    }

    public static void Print(List<MemoryResult> memory, NavigationResult? navigation)
    {
        Console.WriteLine();
        Console.WriteLine("(MB in this table: MiB, 1,048,576 bytes; the counters, given in 10^6 bytes, are converted.)");
        Console.WriteLine();
        Console.WriteLine("| page (user) | open pages | circuits open (log) | node RSS MB | gc-heap-size MB | gc-committed MB | RSS per page MB | heap per page MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in memory)
        {
            var baseline = m.Readings[0];
            foreach (var r in m.Readings)
            {
                var perRss = r.Pages == 0 ? "—" : ((r.RssBytes - baseline.RssBytes) / 1048576.0 / r.Pages).ToString("0.00", CultureInfo.InvariantCulture);
                var perHeap = r.Pages == 0 ? "—" : ((r.HeapMb - baseline.HeapMb) * 1_000_000 / 1048576.0 / r.Pages).ToString("0.00", CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| `{m.Path}` ({m.User}{(m.Interactive ? string.Empty : ", static")}) | {r.Pages} | {r.OpenCircuits} | {r.RssBytes / 1048576.0:0.0} | {r.HeapMb * 1_000_000 / 1048576.0:0.0} | {r.CommittedMb * 1_000_000 / 1048576.0:0.0} | {perRss} | {perHeap} |"));
            }

            if (m.Note.Length > 0)
            {
                Console.WriteLine($"  ({m.Path}, {m.User}: {m.Note})");
            }
        }

        if (navigation is null)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"Drawer of demo.lead: interactive {string.Join(", ", navigation.InteractiveTargets)}; static {string.Join(", ", navigation.StaticTargets)}");
        Console.WriteLine();
        Console.WriteLine("| step | samples | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var kind in navigation.Kinds)
        {
            Console.WriteLine(kind.ToMarkdownRow());
        }
    }

    /// <summary>
    /// Circuits as the node's log tells them ("Circuit … opened", "… closed"), gathered from its recent lines
    /// each time they are read (the process keeps only the last 400 lines).
    /// </summary>
    private sealed partial class CircuitLog(AppProcess node)
    {
        private readonly HashSet<string> _opened = new(StringComparer.Ordinal);
        private readonly HashSet<string> _closed = new(StringComparer.Ordinal);

        public int Opened
        {
            get
            {
                lock (_opened)
                {
                    return _opened.Count;
                }
            }
        }

        public int Open
        {
            get
            {
                lock (_opened)
                {
                    return _opened.Count(id => !_closed.Contains(id));
                }
            }
        }

        public void Refresh()
        {
            var recent = node.RecentLog();
            lock (_opened)
            {
                foreach (Match match in CircuitLine().Matches(recent))
                {
                    (match.Groups[2].Value == "opened" ? _opened : _closed).Add(match.Groups[1].Value);
                }
            }
        }

        /// <summary>Waits (up to 30 s) until the log shows <paramref name="open"/> circuits open.</summary>
        public async Task WaitUntilOpenAsync(int open)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            do
            {
                Refresh();
                if (Open == open)
                {
                    return;
                }

                await Task.Delay(250);
            }
            while (DateTime.UtcNow < deadline);
            Console.WriteLine($"circuits: expected {open} open circuits, the log shows {Open} ({Opened} opened)");
            foreach (var id in _opened.Where(id => !_closed.Contains(id)).Take(3))
            {
                Console.WriteLine($"circuits:   still open: {string.Join(" | ", node.RecentLog().Split('\n').Where(l => l.Contains(id, StringComparison.Ordinal)))}");
            }
        }

        [GeneratedRegex("Circuit \"?([^\" ]+)\"? (opened|closed)")]
        private static partial Regex CircuitLine();
    }
}
