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
/// pressed again once the server is back, the same capture (the idempotency key its draft holds) is saved, once. The node runs
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

        // The circuit's periodic session check reads the database too, and a failed read signs the circuit out
        // (SessionRevalidation): not what this test is about, so it does not fall inside the outage here.
        settings["Circuits:RevalidationInterval"] = "00:10:00";
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
            await Pages.OpenDeskAsync(page, fromMenu: true);
            await Pages.OpenMemberAtDeskAsync(page, idNumber, name);
            await Expect(page.GetByTestId("registry-outcome")).ToBeVisibleAsync();
            await Pages.CaptureAndSignAsync(page);

            // The server keeps the capture as it is taken, with the key its save will use.
            var draft = page.GetByTestId("draft-state");
            await Expect(draft).ToHaveAttributeAsync("data-photo", "kept");
            await Expect(draft).ToHaveAttributeAsync("data-signature", "kept");
            Guid key;
            await using (var db = database.CreateContext(DataScope.System))
            {
                key = await db.CaptureDrafts.Where(d => d.MemberId == memberId).Select(d => d.IdempotencyKey).SingleAsync();
            }

            await cluster.StopAsync();
            await page.GetByTestId("submit").ClickAsync();
            await Expect(page.GetByTestId("submit-error")).ToContainTextAsync("Máy chủ cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại");
            await Expect(page.GetByTestId("submit")).ToBeEnabledAsync();
            await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(name);

            await cluster.StartAsync();
            await page.GetByTestId("submit").ClickAsync();
            await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(name);
            await Expect(page).ToHaveURLAsync(new Regex("/desk$"));

            await using (var db = database.CreateContext(DataScope.System))
            {
                var saved = await db.Applications.Where(a => a.MemberId == memberId).Select(a => a.IdempotencyKey).ToListAsync();
                saved.Should().ContainSingle().Which.Should().Be(key, "the same capture is saved under the key it was taken with");
                (await db.CaptureDrafts.AnyAsync(d => d.MemberId == memberId)).Should().BeFalse("the draft goes once the record is saved");
            }

            await context.CloseAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException("node log:\n" + node.RecentLog(), e);
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
