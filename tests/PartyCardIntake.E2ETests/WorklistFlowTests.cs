using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.MockRegistry;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// The committee's worklist as it is used: a difference accepted with a reason (refused first without one and with
/// one too long), then a member excused (refused first for "Lý do khác" without a note and a start date in 2099, the
/// typed values kept), a long existing note that wraps instead of widening the table, and axe on the page.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class WorklistFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_committee_accepts_a_difference_and_excuses_a_member_after_refusals_shown_beside_the_fields()
    {
        var (cellId, items) = await ItemsAsync(3);
        var (acceptId, acceptName) = items[0];
        var (exemptId, exemptName) = items[1];
        var (longId, _) = items[2];
        var longNote = string.Concat(Enumerable.Repeat("Ghi chú rất dài của Ban Xây dựng Đảng về trường hợp này. ", 40));
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var item = await db.WorklistItems.SingleAsync(w => w.MemberId == longId);
            item.Status = WorklistStatus.AwaitingRegistryUpdate;
            item.Note = longNote;
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Committee);
        await page.GotoAsync($"/members/worklist?cell={cellId}");
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("precheck-panel")).Not.ToBeVisibleAsync();
        await page.Locator(".worklist-precheck .mud-expand-panel-header").ClickAsync();
        await Expect(page.GetByTestId("precheck-panel")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("precheck-start")).ToBeEnabledAsync();
        var grid = page.GetByTestId("worklist");
        var row = grid.Locator("tr", new() { Has = page.Locator($"[data-member='{acceptId}']") });
        await Expect(row.Locator("[data-field=FullName]")).ToHaveAttributeAsync("data-severity", "Mismatch");
        await Expect(row.GetByTestId("worklist-row-status")).ToHaveAttributeAsync("data-status", "Open");

        // A long note of an existing item wraps and is cut after three lines: the table keeps its width.
        var longRow = grid.Locator("tr", new() { Has = page.Locator($"[data-member='{longId}']") });
        var note = longRow.GetByTestId("worklist-note-text");
        await Expect(note).ToHaveAttributeAsync("title", longNote);
        var box = (await note.BoundingBoxAsync())!;
        box.Height.Should().BeLessThan(80, "three lines at most");
        box.Width.Should().BeLessThan(400);
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing runs off the page");

        // Accept the difference: no reason, then one of 2,300 characters, are refused beside the field.
        await row.GetByTestId("worklist-actions").ClickAsync();
        await page.GetByTestId("worklist-accept").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(acceptName);
        await dialog.GetByTestId("worklist-dialog-save").ClickAsync();
        await Expect(Pages.FieldMessage(page, "worklist-reason")).ToContainTextAsync("Lý do không được để trống.");
        var overlong = new string('x', 2300);
        await page.Locator("#worklist-reason").FillAsync(overlong);
        await dialog.GetByTestId("worklist-dialog-save").ClickAsync();
        await Expect(Pages.FieldMessage(page, "worklist-reason")).ToContainTextAsync("Tối đa 1000 ký tự.");
        await Expect(page.Locator("#worklist-reason")).ToHaveValueAsync(overlong);
        await page.Locator("#worklist-reason").FillAsync("Tên trên thẻ Đảng đúng theo quyết định kết nạp");
        await dialog.GetByTestId("worklist-dialog-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã chấp nhận khác biệt" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(grid.Locator($"[data-member='{acceptId}']")).ToHaveCountAsync(0);

        // Closed items show it with its reason.
        await page.GetByTestId("worklist-show-closed").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("closed=true"));
        var closedRow = grid.Locator("tr", new() { Has = page.Locator($"[data-member='{acceptId}']") });
        await Expect(closedRow.GetByTestId("worklist-row-status")).ToHaveAttributeAsync("data-status", "Accepted");
        await Expect(closedRow.GetByTestId("worklist-note-text")).ToHaveTextAsync("Tên trên thẻ Đảng đúng theo quyết định kết nạp");

        // Excuse a member: "Lý do khác" without a note and a start date in 2099 are refused beside their fields.
        await page.GetByTestId("worklist-show-open").ClickAsync();
        var exemptRow = grid.Locator("tr", new() { Has = page.Locator($"[data-member='{exemptId}']") });
        await exemptRow.GetByTestId("worklist-actions").ClickAsync();
        await page.GetByTestId("worklist-exempt").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync(exemptName);
        await Pages.ChooseAsync(page, "exempt-reason", "Lý do khác");
        var on = page.Locator("#exempt-on");
        await Pages.TypeDateAsync(on, "01/01/2099");
        await page.GetByTestId("exempt-submit").ClickAsync();
        await Expect(Pages.FieldMessage(page, "exempt-on")).ToHaveTextAsync("Ngày bắt đầu miễn không được sau hôm nay.");
        await Expect(Pages.FieldMessage(page, "exempt-note")).ToContainTextAsync("Với «Lý do khác», ghi rõ lý do vào ô ghi chú.");
        await Expect(on).ToHaveValueAsync("01/01/2099");
        await Expect(page.Locator("#exempt-reason")).ToHaveValueAsync("Lý do khác");

        await Pages.TypeDateAsync(on, "01/08/2025");
        await page.Locator("#exempt-note").FillAsync("Chuyển sinh hoạt Đảng sang tỉnh khác");
        await page.GetByTestId("exempt-submit").ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã miễn cấp đổi" })).ToBeVisibleAsync();
        await Expect(exemptRow.GetByTestId("worklist-exempted")).ToContainTextAsync("Lý do khác");

        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var member = await db.PartyMembers.SingleAsync(m => m.Id == exemptId);
            (member.Exemption, member.ExemptedOn, member.ExemptionNote).Should().Be((ExemptionReason.Other, new DateOnly(2025, 8, 1), "Chuyển sinh hoạt Đảng sang tỉnh khác"));
            var accepted = await db.WorklistItems.SingleAsync(w => w.MemberId == acceptId);
            (accepted.Status, accepted.Note).Should().Be((WorklistStatus.Accepted, "Tên trên thẻ Đảng đúng theo quyết định kết nạp"));
        }

        // axe on the page as it opens, without the passing snackbar (its colour is the shared theme's).
        await page.ReloadAsync();
        await Pages.WaitForInteractiveAsync(page);
        var results = await page.RunAxe();
        results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .Should().BeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_officer_reads_the_worklist_without_decisions_and_the_page_passes_axe_on_a_phone()
    {
        var (cellId, items) = await ItemsAsync(1);
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await page.GotoAsync($"/members/worklist?cell={cellId}");
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("precheck-panel")).ToHaveCountAsync(0);
        var row = page.GetByTestId("worklist").Locator("tr", new() { Has = page.Locator($"[data-member='{items[0].Id}']") });
        await row.GetByTestId("worklist-actions").ClickAsync();
        await Expect(page.GetByTestId("worklist-open-member")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("worklist-accept")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("worklist-exempt")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");

        var results = await page.RunAxe();
        results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .Should().BeEmpty();
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// <paramref name="count"/> members of one cell of the first demo commune whose name the registry spells otherwise,
    /// checked for real by the pre-check's source: each gets an open worklist item.
    /// </summary>
    private async Task<(int CellId, List<(int Id, string Name)> Items)> ItemsAsync(int count)
    {
        var population = browser.App.Services.GetRequiredService<SyntheticPopulation>();
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var candidates = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null
                && !db.Applications.Any(a => a.MemberId == m.Id) && !db.WorklistItems.Any(w => w.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .ToListAsync();
        List<PartyMember> members;
        lock (browser.TakenMembers)
        {
            members = candidates
                .Where(m => population.DiscrepancyOf(m.IdNumber.Value) == Discrepancy.NameDiacritic && !browser.TakenMembers.Contains(m.Id))
                .GroupBy(m => m.PartyCellId)
                .First(g => g.Count() >= count)
                .Take(count)
                .ToList();
            members.ForEach(m => browser.TakenMembers.Add(m.Id));
        }

        using var scope = browser.App.Services.CreateScope();
        var checks = scope.ServiceProvider.GetRequiredService<RegistryCheckService>();
        foreach (var member in members)
        {
            (await checks.CheckAsync(db, member, CheckSource.PreCheck, null)).Check.Outcome.Should().Be(CheckOutcome.Mismatched);
        }

        await db.SaveChangesAsync();
        return (members[0].PartyCellId, members.Select(m => (m.Id, m.FullName)).ToList());
    }
}
