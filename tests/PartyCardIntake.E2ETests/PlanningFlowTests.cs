using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The station lead from an empty site to a cell at the desk: set up, plan, move a slot, print its notice, check in.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class PlanningFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_lead_sets_up_a_site_plans_moves_a_slot_prints_the_notice_and_the_desk_expects_the_cell()
    {
        var siteName = "Nhà văn hoá khu " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);

        // A site open all day every day, with one device.
        await page.GotoAsync("/sites");
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByTestId("site-new").ClickAsync();
        await page.GetByTestId("site-name").FillAsync(siteName);
        await page.GetByTestId("site-address").FillAsync("Số 5 đường Hùng Vương");
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            await page.GetByTestId($"hours-{day}-opens").FillAsync("00:00");
            await page.GetByTestId($"hours-{day}-closes").FillAsync("23:59");
        }

        await page.GetByTestId("site-new-device").FillAsync("Máy E2E");
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sites$"));
        await Expect(page.GetByText(siteName).First).ToBeVisibleAsync();

        // Plan the commune.
        await page.GotoAsync("/planning");
        await page.GetByTestId("plan-run").ClickAsync();
        await Expect(page.GetByTestId("plan-summary")).ToContainTextAsync("Dự kiến hoàn thành ngày");
        var slot = page.GetByTestId("slot").First;
        await Expect(slot).ToBeVisibleAsync();
        var cellId = await slot.GetAttributeAsync("data-cell-id");
        var slotId = await slot.GetAttributeAsync("data-slot-id");

        // Move the first slot to now at the new site, as a cell that turns up today.
        await slot.GetByTestId("slot-edit").ClickAsync();
        var cellName = (await page.GetByTestId("slot-heading").TextContentAsync())!.Trim();
        var now = DateTime.UtcNow.AddHours(7);
        var from = now.AddMinutes(-5) < now.Date ? now.Date : now.AddMinutes(-5);
        var to = now.AddMinutes(60) >= now.Date.AddDays(1) ? now.Date.AddHours(23).AddMinutes(59) : now.AddMinutes(60);
        // First a slip of the hand: the end before the start is refused and nothing moves.
        var before = (await page.GetByTestId("slot-time").TextContentAsync())!.Trim();
        await page.Locator("#move-from").FillAsync("10:00");
        await page.Locator("#move-to").FillAsync("09:00");
        await page.GetByTestId("slot-move").ClickAsync();
        await Expect(page.GetByTestId("slot-error")).ToHaveTextAsync("Giờ kết thúc phải sau giờ bắt đầu.");
        await Expect(page.GetByTestId("slot-time")).ToHaveTextAsync(before);

        await page.Locator("#move-site").SelectOptionAsync(new SelectOptionValue { Label = siteName });
        await page.Locator("#move-date").FillAsync(now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#move-from").FillAsync(from.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.Locator("#move-to").FillAsync(to.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.GetByTestId("slot-move").ClickAsync();
        await Expect(page.GetByTestId("slot-done")).ToHaveTextAsync("Đã chuyển buổi.");
        await Expect(page.GetByTestId("slot-time")).ToHaveTextAsync($"{from:HH:mm}–{to:HH:mm}");

        // The calendar shows it today under the new site, made by hand.
        await page.GotoAsync("/planning");
        var today = page.Locator($"[data-testid=plan-day][data-date='{now:yyyy-MM-dd}']");
        await Expect(today.Locator("th").Filter(new() { HasText = siteName })).ToBeVisibleAsync();
        var moved = today.Locator($"[data-testid=slot][data-slot-id='{slotId}']");
        await Expect(moved).ToContainTextAsync("xếp tay");

        // The cell's notice is a real PDF that reads back in Vietnamese.
        var href = await moved.GetByTestId("cell-notice").GetAttributeAsync("href");
        href.Should().Be($"/planning/cells/{cellId}/notice.pdf");
        var response = await page.Context.APIRequest.GetAsync(href!);
        response.Status.Should().Be(200);
        response.Headers["content-type"].Should().Be("application/pdf");
        var text = await PdfText.ExtractAsync(await response.BodyAsync());
        text.Should().Contain("THÔNG BÁO").And.Contain(cellName).And.Contain(siteName).And.Contain("Số 5 đường Hùng Vương")
            .And.Contain($"từ {from:HH:mm} đến {to:HH:mm}");

        // At the desk of the new site, the cell is expected now; a member is checked in on arrival.
        await page.GotoAsync("/desk");
        await page.Locator("#station").SelectOptionAsync(new SelectOptionValue { Label = $"{siteName} — Máy E2E" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu làm việc" }).ClickAsync();
        var queue = page.GetByTestId("desk-expected");
        var expected = queue.Locator($"[data-testid=queue-slot][data-slot-id='{slotId}']");
        await Expect(expected).ToHaveAttributeAsync("data-now", "true");
        await Expect(expected.Locator("summary")).ToContainTextAsync(cellName);
        await Expect(expected.Locator("summary")).ToContainTextAsync("đang đến");
        var first = expected.Locator("li[data-status=Expected]").First;
        var memberId = await first.GetAttributeAsync("data-member-id");

        // "Arrived" is a button of the desk's circuit.
        await Pages.WaitForInteractiveAsync(page);
        await first.GetByTestId("check-in").ClickAsync();
        var arrived = page.Locator($"[data-testid=queue-slot][data-slot-id='{slotId}'] li[data-member-id='{memberId}']");
        await Expect(arrived).ToHaveAttributeAsync("data-status", "Arrived");
        await Expect(arrived.GetByTestId("queue-capture")).ToHaveAttributeAsync("href", new Regex($"/desk/members/{memberId}$"));
        await page.Context.CloseAsync();
    }
}
