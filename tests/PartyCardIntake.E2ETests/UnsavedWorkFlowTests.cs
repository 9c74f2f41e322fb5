using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// Typed work survives the server letting go of the circuit (a link down longer than the retention, or the node short
/// of memory): the browser pauses the circuit, the server keeps only its persisted state, and resuming rebuilds the page
/// with what was typed, not with what is saved.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class UnsavedWorkFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_sites_unsaved_week_comes_back_when_the_circuit_is_resumed_and_then_saves()
    {
        var siteName = "Điểm nháp " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await page.GotoAsync("/sites/new");
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByTestId("site-name").FillAsync(siteName);
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sites$"));
        await page.Locator("tr").Filter(new() { HasText = siteName }).GetByTestId("site-edit").ClickAsync();
        await Expect(page.GetByTestId("site-week")).ToBeVisibleAsync();

        await page.GetByTestId("hours-Tuesday-opens").FillAsync("06:45");
        await page.GetByTestId("hours-Tuesday-closes").FillAsync("21:15");
        await page.GetByTestId("hours-Tuesday-opens").FocusAsync();

        await PauseAndResumeAsync(page);

        await Expect(page.GetByTestId("hours-Tuesday-opens")).ToHaveValueAsync("06:45");
        await Expect(page.GetByTestId("hours-Tuesday-closes")).ToHaveValueAsync("21:15");
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sites$"));
        await Expect(page.Locator("tr").Filter(new() { HasText = siteName }).GetByTestId("site-hours")).ToContainTextAsync("Thứ Ba06:45–21:15");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_note_typed_on_the_member_page_comes_back_when_the_circuit_is_resumed()
    {
        int memberId;
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var code = DemoPopulationGenerator.DefaultShapes[0].Code;
            memberId = await db.PartyMembers
                .Where(m => m.Commune!.Code == code && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
                .OrderByDescending(m => m.Id)
                .Select(m => m.Id)
                .FirstAsync();
        }

        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Committee);
        await page.GotoAsync($"/members/{memberId}");
        await Pages.WaitForInteractiveAsync(page);
        const string note = "Đang điều trị tại Bệnh viện Đa khoa tỉnh, gia đình báo ngày 05/12";
        await page.GetByTestId("exempt-note").FillAsync(note);
        await page.GetByTestId("exempt-note").PressAsync("Tab");

        await PauseAndResumeAsync(page);

        await Expect(page.GetByTestId("exempt-note")).ToHaveValueAsync(note);
        await page.Context.CloseAsync();
    }

    /// <summary>What the browser does when the server has evicted its circuit: it asks for it back from the persisted state.</summary>
    private static async Task PauseAndResumeAsync(Microsoft.Playwright.IPage page)
    {
        var before = await page.Locator("main").GetAttributeAsync("data-render");
        (await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()")).Should().BeTrue("the server persists the circuit's state and lets it go");
        (await page.EvaluateAsync<bool>("() => Blazor.resumeCircuit()")).Should().BeTrue("a new circuit is built from the persisted state");

        // The old page stays on screen until the new circuit has rendered over it: wait for the new render.
        await Expect(page.Locator($"main[data-interactive='true']:not([data-render='{before}'])")).ToBeVisibleAsync();
    }
}
