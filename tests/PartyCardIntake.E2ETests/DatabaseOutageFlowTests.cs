using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// An officer presses "save" while PostgreSQL is down: the desk says so in Vietnamese and keeps the capture;
/// pressed again once the server is back, the same capture (same idempotency key) is saved, once. The node runs
/// as a real process on a PostgreSQL server of the test's own, which the test stops and starts.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class DatabaseOutageFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_save_during_a_database_outage_shows_the_message_and_the_same_capture_is_saved_once_when_pressed_again()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var database = TestDatabase.OnServer(cluster.ConnectionString);
        var settings = AppProcess.DemoSettings(database);

        // Give up quickly, so that the press fails while the server is stopped.
        settings["Database:MaxRetryCount"] = "1";
        settings["Database:MaxRetryDelay"] = "00:00:00.500";
        await using var node = new AppProcess(settings, name: "db-outage-e2e");
        await node.StartAsync();
        try
        {
            var (memberId, idNumber, name) = await FreeMemberAsync(database);
            var context = await browser.Browser.NewContextAsync(new()
            {
                BaseURL = node.Address.ToString(),
                Locale = "vi-VN",
                TimezoneId = "Asia/Ho_Chi_Minh",
                ViewportSize = new() { Width = 1280, Height = 900 },
            });
            context.SetDefaultTimeout(20_000);
            var page = await context.NewPageAsync();
            await Pages.SignInAsync(page, DemoAccounts.Officer);
            await Pages.FollowMenuLinkAsync(page, "Quầy tiếp nhận", "/desk");
            // The router may change the address before the desk page has replaced the old one: wait for the desk itself.
            await Expect(page.GetByTestId("station-form").Or(page.GetByTestId("desk-station"))).ToBeVisibleAsync();
            if (await page.GetByTestId("station-form").IsVisibleAsync())
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu làm việc" }).ClickAsync();
            }

            await Pages.SearchAtDeskAsync(page, idNumber);
            await page.GetByTestId("desk-results").GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(name);

            // The registry panel arrives by htmx and moves the signature pad; draw once it is there.
            await Expect(page.GetByTestId("registry-outcome")).ToBeVisibleAsync();
            await Pages.CaptureAndSignAsync(page);

            // Note the key of every save the page sends (the request body holds images, which the browser does
            // not hand to the test); sessionStorage outlives the page's move to the desk after the save.
            await page.EvaluateAsync("""
                () => {
                  const send = window.fetch;
                  window.fetch = (url, init) => {
                    if (init && init.body instanceof FormData) {
                      const keys = JSON.parse(sessionStorage.getItem("sent-keys") || "[]");
                      keys.push(init.body.get("idempotencyKey"));
                      sessionStorage.setItem("sent-keys", JSON.stringify(keys));
                    }
                    return send(url, init);
                  };
                }
                """);

            await cluster.StopAsync();
            await page.GetByTestId("submit").ClickAsync();
            await Expect(page.GetByTestId("submit-error")).ToContainTextAsync("Máy chủ cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại");
            await Expect(page.GetByTestId("submit")).ToBeEnabledAsync();

            await cluster.StartAsync();
            await page.GetByTestId("submit").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/desk\\?saved="));
            await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(name);

            var keys = await page.EvaluateAsync<string[]>("() => JSON.parse(sessionStorage.getItem('sent-keys') || '[]')");
            keys.Should().HaveCount(2).And.OnlyContain(k => k == keys[0], "the page sends the same capture's key again");
            await using var db = database.CreateContext(DataScope.System);
            var saved = await db.Applications.Where(a => a.MemberId == memberId).Select(a => a.IdempotencyKey).ToListAsync();
            saved.Should().ContainSingle().Which.ToString().Should().Be(keys[0]);
            await context.CloseAsync();
        }
        finally
        {
            if (!cluster.IsRunning)
            {
                await cluster.StartAsync();
            }
        }
    }

    private static async Task<(int Id, string IdNumber, string Name)> FreeMemberAsync(TestDatabase database)
    {
        await using var db = database.CreateContext(DataScope.System);
        var code = DemoPopulationGenerator.DefaultShapes[0].Code;
        var member = await db.PartyMembers
            .Where(m => m.Commune!.Code == code && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber, m.FullName })
            .FirstAsync();
        return (member.Id, member.IdNumber.Value, member.FullName);
    }
}
