using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// The ward committee on the interactive member pages: finds a member in the grid by a name typed without
/// diacritics, pages, opens the member, exempts them (a wrong value first, then right), sees it in the history
/// in Vietnamese with its start date and in the list, and lifts it again after confirming.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class MemberPagesFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_committee_finds_a_member_without_diacritics_pages_exempts_with_a_correction_and_reads_the_history()
    {
        var (memberId, name, folded) = await FreeMemberWithUniqueNameAsync();
        var since = await LastAuditIdAsync();
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Committee);
        await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();

        // A malformed address opens the list all the same.
        var malformed = await page.GotoAsync("/members?cell=abc&page=x");
        malformed!.Status.Should().Be(200);
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("member-count")).ToContainTextAsync("đảng viên");

        await Pages.ClickMenuItemAsync(page, "nav-members");
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByLabel("Tìm kiếm").FillAsync("nguyen van");
        await Expect(page).ToHaveURLAsync(new Regex("q=nguyen(%20|\\+)van"));
        var rows = page.GetByTestId("members").Locator("tbody tr");
        await Expect(rows.First).ToContainTextAsync("Nguyễn Văn");
        var firstOfPageOne = await rows.First.Locator("a").InnerTextAsync();

        // The next page comes from the server, and the address says which page it is.
        await page.GetByRole(AriaRole.Button, new() { Name = "Trang sau" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Expect(rows.First.Locator("a")).Not.ToHaveTextAsync(firstOfPageOne);
        await Expect(rows.First).ToContainTextAsync("Nguyễn Văn");

        // Another search starts at the first page again.
        await page.GetByLabel("Tìm kiếm").FillAsync(folded);
        await Expect(page).ToHaveURLAsync(new Regex("q=" + Regex.Escape(Uri.EscapeDataString(folded)).Replace("%20", "(%20|\\+)", StringComparison.Ordinal) + "$"));
        var link = page.GetByTestId("members").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/members/{memberId}$"));
        await Expect(page.GetByTestId("member-name")).ToHaveTextAsync(name);
        await Pages.WaitForInteractiveAsync(page);
        await ExpectViewsAsync(memberId, since, 1);

        // Other reason without a note, and a day that has not come: both refused beside their fields, input kept.
        await page.GetByTestId("exempt-reason").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Lý do khác" }).ClickAsync();
        await page.Locator("#on").FillAsync("01/01/2099");
        await page.Locator("#on").PressAsync("Tab");
        await page.GetByTestId("exempt-submit").ClickAsync();
        await Expect(Pages.FieldMessage(page, "exempt-note")).ToHaveTextAsync("Với «Lý do khác», ghi rõ lý do vào ô ghi chú.");
        await Expect(Pages.FieldMessage(page, "on")).ToHaveTextAsync("Ngày bắt đầu miễn không được sau hôm nay.");
        await Expect(page.Locator("#reason")).ToHaveValueAsync("Lý do khác");
        await Expect(page.GetByTestId("exempt-form")).Not.ToContainTextAsync("Other");
        await Expect(page.Locator("#on")).ToHaveValueAsync("01/01/2099");
        await Expect(page.GetByTestId("member-status")).ToContainTextAsync("Thuộc diện");

        await page.Locator("#on").FillAsync("01/08/2025");
        await page.Locator("#on").PressAsync("Tab");
        await page.Locator("#exempt-note").FillAsync("Đi lao động ở nước ngoài dài hạn");
        await page.GetByTestId("exempt-submit").ClickAsync();
        await Expect(page.GetByTestId("member-done")).ToHaveTextAsync("Đã ghi nhận miễn cấp đổi.", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("member-status")).ToContainTextAsync("Miễn: Lý do khác");
        await Expect(page.GetByTestId("member-exempted-on")).ToHaveTextAsync("từ ngày 01/08/2025");

        var exempted = page.GetByTestId("history").Locator("tr[data-kind='Event_Exempted']");
        await Expect(exempted).ToContainTextAsync("Miễn cấp đổi");
        await Expect(exempted).ToContainTextAsync("Lý do khác");
        await Expect(exempted).ToContainTextAsync("từ ngày 01/08/2025");
        await Expect(exempted).ToContainTextAsync("Đi lao động ở nước ngoài dài hạn");
        await Expect(page.GetByTestId("history")).Not.ToContainTextAsync("Other");

        // In the list, by its address: the excused filter shows the member with the reason.
        await page.GotoAsync($"/members?q={Uri.EscapeDataString(folded)}&status=Excused");
        await Pages.WaitForInteractiveAsync(page);
        var row = page.GetByTestId("members").Locator("tbody tr").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("Miễn: Lý do khác");

        // A direct load of the member page is one more view, not two.
        await page.GotoAsync($"/members/{memberId}");
        await Pages.WaitForInteractiveAsync(page);
        await ExpectViewsAsync(memberId, since, 2);

        // Lifting asks first.
        await page.GetByTestId("lift").ClickAsync();
        await Expect(page.GetByText("Bỏ miễn cấp đổi?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bỏ miễn", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("member-status")).ToContainTextAsync("Thuộc diện");
        await Expect(page.GetByTestId("history").Locator("tr[data-kind='Event_ExemptionLifted']")).ToContainTextAsync("Lý do trước đó: Lý do khác");
        await page.Context.CloseAsync();

        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var events = await db.MemberEvents.Where(e => e.MemberId == memberId).Select(e => e.Kind).ToListAsync();
        events.Should().Contain([MemberEventKind.Exempted, MemberEventKind.ExemptionLifted]);
        (await db.PartyMembers.SingleAsync(m => m.Id == memberId)).Exemption.Should().BeNull();
    }

    /// <summary>Each view of the member page is one audit entry, written once its circuit is up.</summary>
    private async Task ExpectViewsAsync(int memberId, long since, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int views;
        do
        {
            await using var db = browser.App.Database.CreateContext(DataScope.System);
            views = await db.AuditEntries.CountAsync(e => e.Id > since && e.MemberId == memberId && e.Action == AuditAction.ViewMember && e.UserName == DemoAccounts.Committee);
            if (views >= expected)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        await Task.Delay(500);
        await using var check = browser.App.Database.CreateContext(DataScope.System);
        (await check.AuditEntries.CountAsync(e => e.Id > since && e.MemberId == memberId && e.Action == AuditAction.ViewMember && e.UserName == DemoAccounts.Committee))
            .Should().Be(expected, "one view, one entry");
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    /// <summary>A member of the first commune with diacritics in the name, no other member of that folded name, nothing done yet.</summary>
    private async Task<(int Id, string Name, string Folded)> FreeMemberWithUniqueNameAsync()
    {
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var members = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null && !m.NeedsHomeVisit && !db.Applications.Any(a => a.MemberId == m.Id))
            .Select(m => new { m.Id, m.FullName, m.SearchName, Same = db.PartyMembers.Count(o => o.CommuneId == m.CommuneId && o.SearchName.Contains(m.SearchName)) })
            .Where(m => m.Same == 1)
            .OrderBy(m => m.Id)
            .ToListAsync();
        lock (browser.TakenMembers)
        {
            var m = members.First(m => m.FullName != m.SearchName && m.FullName.Any(c => c > 127) && browser.TakenMembers.Add(m.Id));
            return (m.Id, m.FullName, m.SearchName);
        }
    }
}
