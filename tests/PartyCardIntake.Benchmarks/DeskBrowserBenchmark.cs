using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// The desk's own time per member, measured in Chromium as an officer works: search by ID number and Enter (the member
/// screen with its registry check), Enter (the photo taken and kept on the server), the pen (not counted), Ctrl+Enter
/// (saved, back at the search box). The mock registry answers at once, so what is left is the software.
/// </summary>
internal static class DeskBrowserBenchmark
{
    public sealed record Result(Measurement Open, Measurement Capture, Measurement Save, Measurement Total, double NodeCpuMsPerMember, int Saved, int Found, double LoadBefore, double LoadAfter);

    public static async Task<Result> RunAsync(int members, int warmup)
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var settings = AppProcess.DemoSettings(database);
        settings["MockRegistry:LatencyMilliseconds"] = "0";
        await using var node = new AppProcess(settings, name: "desk-browser");
        Console.WriteLine($"desk-browser: starting the node (SQLite, demo data, {Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(AppProcess.WebAssembly)))} build)…");
        await node.StartAsync(TimeSpan.FromMinutes(3));

        var ids = await FreeMembersAsync(database, members + warmup);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PARTYCARD_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            ],
        });
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = node.Address.ToString(),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new() { Width = 1366, Height = 768 },
            Permissions = ["camera"],
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Officer);
        await page.GetByLabel("Mật khẩu").FillAsync(PartyCardAppFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/");
        await page.GotoAsync("/desk/station");
        await page.GetByTestId("station-form").Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/desk");
        await page.Locator("main[data-interactive='true']").WaitForAsync();

        var open = new Measurement("search by ID number, Enter → member screen with the registry's answer, camera ready");
        var capture = new Measurement("Enter → photo shown and kept on the server");
        var save = new Measurement("Ctrl+Enter (right after the pen) → saved, back at the search box");
        var total = new Measurement("software time per member (the three above)");
        var loadBefore = LoadBenchmark.LoadAverage();
        double cpuStart = 0;
        var saved = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            if (i == warmup)
            {
                cpuStart = LoadBenchmark.CpuMilliseconds(node.ProcessId);
            }

            var (id, number) = ids[i];
            TimeSpan opened, captured, stored;
            try
            {
                (opened, captured, stored) = await CycleAsync(page, id, number);
            }
            catch (TimeoutException)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "desk-browser-failed.png") });
                Console.WriteLine($"desk-browser: member {i + 1} ({id}) did not finish; the page is at {page.Url} (screenshot desk-browser-failed.png in the temp folder)");
                throw;
            }

            saved++;
            if (i >= warmup)
            {
                open.Add(opened);
                capture.Add(captured);
                save.Add(stored);
                total.Add(opened + captured + stored);
            }
        }

        var cpu = (LoadBenchmark.CpuMilliseconds(node.ProcessId) - cpuStart) / Math.Max(1, ids.Count - warmup);
        var loadAfter = LoadBenchmark.LoadAverage();
        var found = await FoundAsync(database, ids.Select(m => m.Id).ToList());
        await node.StopAsync();
        return new Result(open, capture, save, total, cpu, saved, found, loadBefore, loadAfter);
    }

    private static async Task<(TimeSpan Opened, TimeSpan Captured, TimeSpan Stored)> CycleAsync(IPage page, int id, string number)
    {
        var search = page.Locator("#desk-search");
        await search.FillAsync(number);
        var clock = Stopwatch.StartNew();
        await search.PressAsync("Enter");
        await page.WaitForFunctionAsync($"() => location.pathname === '/desk/members/{id}'");
        await page.Locator("#photo-capture:not([disabled])").WaitForAsync();
        await page.GetByTestId("registry-outcome").WaitForAsync();
        var opened = clock.Elapsed;

        clock.Restart();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=draft-state][data-photo=kept]").WaitForAsync();
        await page.GetByTestId("photo-preview").WaitForAsync();
        var captured = clock.Elapsed;

        await SignAsync(page);
        clock.Restart();
        await page.Keyboard.PressAsync("Control+Enter");
        await page.GetByTestId("desk-saved").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'desk-search'");
        return (opened, captured, clock.Elapsed);
    }

    public static void Print(Result r)
    {
        Console.WriteLine();
        Console.WriteLine("| step (desk in Chromium, 1366×768, mock registry 0 ms) | samples | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var m in new[] { r.Open, r.Capture, r.Save, r.Total })
        {
            Console.WriteLine(m.ToMarkdownRow());
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Node CPU per member (search, check, photo, signature, save, live queue): {r.NodeCpuMsPerMember:0.0} ms. Saved {r.Saved}, found in the database {r.Found}. Load average {r.LoadBefore:0.0} before, {r.LoadAfter:0.0} after."));
    }

    private static async Task SignAsync(IPage page)
    {
        var box = (await page.GetByTestId("signature-pad").BoundingBoxAsync())!;
        var x = box.X + 40;
        var y = box.Y + (box.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 12; i++)
        {
            await page.Mouse.MoveAsync(x + (i * 30), y + (i % 2 == 0 ? -40 : 40), new() { Steps = 4 });
        }

        await page.Mouse.UpAsync();
    }

    /// <summary>Members of the officer's commune with no record and no exemption, with their ID numbers.</summary>
    private static async Task<List<(int Id, string Number)>> FreeMembersAsync(TestDatabase database, int count)
    {
        await using var db = database.CreateContext(DataScope.System);
        var commune = await db.Users.Where(u => u.UserName == DemoAccounts.Officer).Select(u => u.CommuneId).SingleAsync();
        var rows = await db.PartyMembers.AsNoTracking()
            .Where(m => m.CommuneId == commune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber })
            .Take(count)
            .ToListAsync();
        if (rows.Count < count)
        {
            throw new InvalidOperationException($"Only {rows.Count} members without a record; {count} needed.");
        }

        return rows.Select(r => (r.Id, r.IdNumber.Value)).ToList();
    }

    private static async Task<int> FoundAsync(TestDatabase database, List<int> members)
    {
        await using var db = database.CreateContext(DataScope.System);
        return await db.Applications.CountAsync(a => members.Contains(a.MemberId) && a.State != ApplicationState.Cancelled);
    }
}
