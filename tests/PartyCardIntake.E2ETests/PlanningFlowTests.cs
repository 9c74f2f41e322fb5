using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Tests.Shared;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// The station lead from an empty site to a cell at the desk (set up, plan, move a slot by its form, print its notice, check
/// in); slots dragged on the calendar, flagged while they move and refused past the deadline; axe on the planning pages.
/// </summary>
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

        // Plan the commune: the summary gives a finish date and a predicted wait that is not zero.
        await page.GotoAsync("/planning");
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByTestId("plan-run").ClickAsync();
        await Expect(page.GetByTestId("plan-summary")).ToContainTextAsync("Dự kiến hoàn thành ngày");
        await Expect(page.GetByTestId("plan-waits")).Not.ToContainTextAsync("trung bình 0,0 phút");
        var slot = page.GetByTestId("slot").First;
        await Expect(slot).ToBeVisibleAsync();
        var cellId = await slot.GetAttributeAsync("data-cell-id");
        var slotId = await slot.GetAttributeAsync("data-slot-id");

        // Move the first slot to now at the new site, as a cell that turns up today, with the keyboard's form.
        await slot.GetByTestId("slot-edit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/planning/slots/{slotId}$"));
        await Pages.WaitForInteractiveAsync(page);
        var cellName = (await page.GetByTestId("slot-heading").TextContentAsync())!.Trim();
        var now = DateTime.UtcNow.AddHours(7);
        var from = now.AddMinutes(-5) < now.Date ? now.Date : now.AddMinutes(-5);
        var to = now.AddMinutes(60) >= now.Date.AddDays(1) ? now.Date.AddHours(23).AddMinutes(59) : now.AddMinutes(60);
        // First a slip of the hand: the end before the start is refused beside the field, what was typed stays, nothing moves.
        var before = (await page.GetByTestId("slot-time").TextContentAsync())!.Trim();
        await Pages.TypeDateAsync(page.Locator("#move-from"), "10:00");
        await Pages.TypeDateAsync(page.Locator("#move-to"), "09:00");
        await page.GetByTestId("slot-move").ClickAsync();
        await Expect(Pages.FieldMessage(page, "move-to")).ToHaveTextAsync("Giờ kết thúc phải sau giờ bắt đầu.");
        await Expect(page.Locator("#move-to")).ToHaveValueAsync("09:00");
        await Expect(page.GetByTestId("slot-time")).ToHaveTextAsync(before);

        await Pages.ChooseAsync(page, "slot-site", siteName);
        await Pages.TypeDateAsync(page.Locator("#move-date"), now.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Pages.TypeDateAsync(page.Locator("#move-from"), from.ToString("HH:mm", CultureInfo.InvariantCulture));
        await Pages.TypeDateAsync(page.Locator("#move-to"), to.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.GetByTestId("slot-move").ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã chuyển buổi." })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("slot-time")).ToHaveTextAsync($"{from:HH:mm}–{to:HH:mm}");
        await Expect(page.GetByTestId("slot-site-name")).ToHaveTextAsync(siteName);

        // The calendar shows it today under the new site, made by hand.
        await page.GotoAsync("/planning");
        var today = page.Locator($"[data-testid=plan-day][data-date='{now:yyyy-MM-dd}']");
        await Expect(today.Locator(".plan-site-name").Filter(new() { HasText = siteName })).ToBeVisibleAsync();
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

    [Fact]
    public async Task A_slot_dragged_onto_a_busy_day_is_flagged_while_it_moves_and_after_the_drop()
    {
        var page = await LeadOnPlanningAsync();
        var (source, target) = await DragPairAsync(page, sameSiteBusy: true);
        var slotId = await source.GetAttributeAsync("data-slot-id");

        // While the slot is held over the other day, that zone says what it would meet there.
        await HoldOverAsync(page, source, target);
        await Expect(target.GetByTestId("zone-flagged")).ToContainTextAsync("Trùng giờ với buổi khác");
        await DropAsync(page, target);

        // After the drop the move is saved (flags are not refusals), and the slot shows its problems where it now is.
        await Expect(page.GetByTestId("plan-move-done")).ToContainTextAsync("cần xem lại");
        await Expect(page.GetByTestId("plan-move-done")).ToHaveAttributeAsync("data-problems", new Regex("Overlap"));
        var moved = target.Locator($"[data-testid=slot][data-slot-id='{slotId}']");
        await Expect(moved).ToHaveAttributeAsync("data-flagged", "true");
        await Expect(moved.Locator("[data-problem=Overlap]")).ToBeVisibleAsync();

        // The banner lists it as a link that opens the slot.
        await page.Locator($"[data-testid=flagged-slot][data-slot-id='{slotId}']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/planning/slots/{slotId}$"));
        await Expect(page.GetByTestId("slot-problems")).ToContainTextAsync("Trùng giờ với buổi khác");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_slot_dragged_past_the_deadline_is_refused_in_Vietnamese_and_stays_where_it_was()
    {
        var page = await LeadOnPlanningAsync();
        var (source, target) = await DragPairAsync(page, sameSiteBusy: false);
        var slotId = await source.GetAttributeAsync("data-slot-id");
        var day = DateOnly.ParseExact((await source.Locator("xpath=ancestor::*[@data-testid='plan-day']").GetAttributeAsync("data-date"))!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sourceZone = await source.Locator("xpath=ancestor::*[@data-testid='plan-zone']").GetAttributeAsync("data-zone");
        try
        {
            // The lead narrows the commune's deadline to the slot's day: the next day is past it.
            await Pages.TypeDateAsync(page.Locator("#commune-deadline-input"), day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            await page.GetByTestId("commune-deadline-save").ClickAsync();
            await Expect(page.GetByTestId("commune-deadline")).ToHaveTextAsync(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            var nextDay = page.Locator($"[data-testid=plan-day][data-date='{day.AddDays(1):yyyy-MM-dd}']");
            await Expect(nextDay.GetByTestId("plan-day-after-deadline")).ToBeVisibleAsync();

            source = page.Locator($"[data-testid=slot][data-slot-id='{slotId}']");
            await HoldOverAsync(page, source, target);
            await Expect(target.GetByTestId("zone-refused")).ToHaveTextAsync("Sau hạn: không chuyển được");
            await DropAsync(page, target);

            await Expect(page.GetByTestId("plan-move-error"))
                .ToContainTextAsync($"Không thể xếp buổi sau hạn hoàn thành của xã/phường ({day:dd/MM/yyyy}). Buổi vẫn ở chỗ cũ.");
            await Expect(page.Locator($"[data-testid=plan-zone][data-zone='{sourceZone}'] [data-testid=slot][data-slot-id='{slotId}']")).ToBeVisibleAsync();
            await Expect(target.Locator($"[data-testid=slot][data-slot-id='{slotId}']")).ToHaveCountAsync(0);

            // A fresh page shows it there too: nothing was saved.
            await page.ReloadAsync();
            await Pages.WaitForInteractiveAsync(page);
            await Expect(page.Locator($"[data-testid=plan-zone][data-zone='{sourceZone}'] [data-testid=slot][data-slot-id='{slotId}']")).ToBeVisibleAsync();
        }
        finally
        {
            await using var db = browser.App.Database.CreateContext(PartyCardIntake.Core.Data.DataScope.System);
            await db.Communes.Where(c => c.Code == PartyCardIntake.Core.Demo.DemoPopulationGenerator.DefaultShapes[0].Code)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Deadline, (DateOnly?)null));
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_lead_adds_a_slot_by_hand_for_a_cell_left_waiting_from_a_folded_form()
    {
        var cellName = "Chi bộ thêm tay " + Guid.NewGuid().ToString("N")[..6];
        int cellId;
        await using (var db = browser.App.Database.CreateContext(PartyCardIntake.Core.Data.DataScope.System))
        {
            var communeId = await db.Communes.Where(c => c.Code == DemoPopulationGenerator.DefaultShapes[0].Code).Select(c => c.Id).SingleAsync();
            var cell = new PartyCardIntake.Core.Domain.PartyCell { CommuneId = communeId, Name = cellName };
            db.PartyCells.Add(cell);
            await db.SaveChangesAsync();
            cellId = cell.Id;
            var serial = Random.Shared.Next(900_000, 999_000);
            db.PartyMembers.AddRange(Enumerable.Range(0, 3).Select(i => PartyCardIntake.Core.Domain.PartyMember.Create(
                communeId, cell.Id, PartyCardIntake.Core.Domain.PersonalIdNumber.Create("025", PartyCardIntake.Core.Domain.Sex.Female, 1960 + i, serial + i),
                $"Trần Thị Thêm {i}", PartyCardIntake.Core.Domain.Sex.Female, 1960 + i, null, DateTime.UtcNow)));
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync();
        try
        {
            await Pages.SignInAsync(page, DemoAccounts.Lead);
            await page.GotoAsync("/planning");
            await Pages.WaitForInteractiveAsync(page);
            var waiting = page.GetByTestId("unscheduled");
            await Expect(waiting).ToContainTextAsync(cellName);

            // Folded until asked for, so that the calendar starts on the first screen.
            await Expect(page.GetByTestId("slot-add-form")).ToHaveCountAsync(0);
            await page.GetByTestId("slot-add-toggle").ClickAsync();
            await Expect(page.GetByTestId("slot-add-form")).ToBeVisibleAsync();
            await Pages.ChooseAsync(page, "slot-cell", $"{cellName} (3)");
            await page.GetByTestId("slot-add").ClickAsync();

            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã thêm buổi.");
            await Expect(waiting).Not.ToContainTextAsync(cellName);
            await using var check = browser.App.Database.CreateContext(PartyCardIntake.Core.Data.DataScope.System);
            (await check.ScheduleSlots.CountAsync(s => s.PartyCellId == cellId)).Should().Be(1);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(DemoAccounts.Lead, "/planning", false)]
    [InlineData(DemoAccounts.Lead, "/planning", true)]
    [InlineData(DemoAccounts.Officer, "/planning", false)]
    [InlineData(DemoAccounts.Lead, "/planning/missed", false)]
    [InlineData(DemoAccounts.Lead, "/planning/slots/{slot}", false)]
    public async Task The_planning_pages_have_no_serious_accessibility_violation(string user, string path, bool dayView)
    {
        var page = await LeadOnPlanningAsync();
        var slotId = await page.GetByTestId("slot").First.GetAttributeAsync("data-slot-id");
        await page.Context.CloseAsync();

        page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, user);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"));
        await page.GotoAsync(path.Replace("{slot}", slotId, StringComparison.Ordinal));
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        if (dayView)
        {
            await page.GetByTestId("plan-mode-day").ClickAsync();
            await Expect(page.GetByTestId("plan-range")).ToContainTextAsync(",");
        }

        var results = await page.RunAxe();
        results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .Should().BeEmpty("{0} as {1}", path, user);
        await page.Context.CloseAsync();
    }

    /// <summary>The lead on /planning, planned, with a page tall enough that no drag has to scroll.</summary>
    private async Task<IPage> LeadOnPlanningAsync()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 4000);
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await page.GotoAsync("/planning");
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByTestId("plan-run").ClickAsync();
        await Expect(page.GetByTestId("plan-summary")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// A slot from tomorrow on (not on a Sunday) and a drop zone at the same site: a later day of the week where a slot
    /// already starts at the same hour (busy), or the next day (for the deadline). Looks in this week and the next.
    /// </summary>
    private static async Task<(ILocator Source, ILocator Target)> DragPairAsync(IPage page, bool sameSiteBusy)
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(1);
        for (var week = 0; week < 2; week++)
        {
            var days = page.GetByTestId("plan-day");
            var count = await days.CountAsync();
            for (var i = 0; i < count - 1; i++)
            {
                var date = DateOnly.ParseExact((await days.Nth(i).GetAttributeAsync("data-date"))!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (date < tomorrow)
                {
                    continue;
                }

                var zones = days.Nth(i).GetByTestId("plan-zone");
                for (var z = 0; z < await zones.CountAsync(); z++)
                {
                    var slots = zones.Nth(z).GetByTestId("slot");
                    if (await slots.CountAsync() == 0)
                    {
                        continue;
                    }

                    var site = (await zones.Nth(z).GetAttributeAsync("data-zone"))!.Split('|')[1];
                    if (!sameSiteBusy)
                    {
                        return (slots.First, page.Locator($"[data-testid=plan-zone][data-zone='{date.AddDays(1):yyyy-MM-dd}|{site}']"));
                    }

                    // A later day of the week at the same site with a slot of its own: the first slots of two days
                    // both start at the site's opening, so the moved one meets it. Other tests add sites, which
                    // spreads the plan, so the next day alone is not always busy.
                    for (var later = 1; i + later < count; later++)
                    {
                        var target = page.Locator($"[data-testid=plan-zone][data-zone='{date.AddDays(later):yyyy-MM-dd}|{site}']");
                        if (await target.CountAsync() > 0 && await target.GetByTestId("slot").CountAsync() > 0)
                        {
                            return (slots.First, target);
                        }
                    }
                }
            }

            await page.GetByTestId("plan-next").ClickAsync();
            await Expect(page.GetByTestId("plan-day").First).Not.ToHaveAttributeAsync("data-date", (await days.First.GetAttributeAsync("data-date"))!);
        }

        throw new InvalidOperationException("No slot to drag in two weeks.");
    }

    /// <summary>Picks the slot up and holds it over the zone (HTML drag and drop, as a mouse does it), without dropping.</summary>
    private static async Task HoldOverAsync(IPage page, ILocator source, ILocator target)
    {
        await source.Locator(".plan-time").HoverAsync();
        await page.Mouse.DownAsync();
        var box = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 10, new() { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + 30, box.Y + 20, new() { Steps = 5 });
    }

    /// <summary>Moves once more over the zone (the browser drops where the last drag-over was) and lets go.</summary>
    private static async Task DropAsync(IPage page, ILocator target)
    {
        var box = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 40, box.Y + 25, new() { Steps = 3 });
        await page.WaitForTimeoutAsync(300);
        await page.Mouse.UpAsync();
    }
}
