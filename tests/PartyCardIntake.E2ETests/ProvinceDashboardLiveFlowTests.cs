using System.Diagnostics;
using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartyCardIntake.Core.Demo;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// The province dashboard refreshing after a desk saves: the province viewer keeps the dashboard open; an officer of
/// a commune saves a capture at the desk in another browser; the dashboard's figures move within seconds, with no
/// reload.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class ProvinceDashboardLiveFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>The refresh window (2 s) and the desk feed's settling, with room for a loaded machine.</summary>
    private const float Within = 6_000;

    [Fact]
    public async Task The_dashboard_refreshes_after_a_desk_saves()
    {
        var shape = DemoPopulationGenerator.DefaultShapes[0];
        var dashboard = await browser.NewPageAsync();
        await Pages.SignInAsync(dashboard, DemoAccounts.Province);
        await dashboard.GotoAsync("/province");
        await Pages.WaitForInteractiveAsync(dashboard);
        await Expect(dashboard.GetByTestId("province-live")).ToBeVisibleAsync();
        // A mark on the window: a reload would lose it.
        await dashboard.EvaluateAsync("() => window.__stillTheSamePage = true");

        var receivedToday = dashboard.GetByTestId("value-receivedToday");
        var communeReceived = dashboard.Locator("tr")
            .Filter(new() { Has = dashboard.Locator($"[data-testid=commune-row][data-code='{shape.Code}']") })
            .GetByTestId("commune-received");
        var todayBefore = Number(await receivedToday.InnerTextAsync());
        var communeBefore = Number(await communeReceived.InnerTextAsync());

        var member = await DeskSteps.FreeMemberAsync(browser.App.Database, browser.TakenMembers);
        var desk = await browser.NewPageAsync();
        await Pages.SignInAsync(desk, DemoAccounts.Officer);
        await DeskSteps.ChooseStationAsync(desk);
        await DeskSteps.OpenAsync(desk, member);
        await DeskSteps.CaptureAndSignAsync(desk);
        await desk.Locator("#submit").ClickAsync();
        await DeskSteps.ExpectSavedAsync(desk, member);
        var saved = Stopwatch.StartNew();

        await Expect(receivedToday).ToHaveTextAsync(Text(todayBefore + 1), new() { Timeout = Within });
        output.WriteLine($"The dashboard showed the save {saved.ElapsedMilliseconds} ms after the desk's banner");
        await Expect(communeReceived).ToHaveTextAsync(Text(communeBefore + 1), new() { Timeout = Within });
        (await dashboard.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).Should().BeTrue("the figures moved without a reload");

        await desk.Context.CloseAsync();
        await dashboard.Context.CloseAsync();
    }

    [Fact]
    public async Task The_at_risk_communes_and_their_links_pass_the_contrast_check()
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Province);
        await page.GotoAsync("/province?risk=true");
        await Pages.WaitForInteractiveAsync(page);
        // The demo's Tân Lạc slows down until it is at risk: its row is tinted and its link darker.
        await Expect(page.GetByTestId("at-risk-badge").First).ToBeVisibleAsync();
        await Expect(page.Locator(".at-risk-row .at-risk-link").First).ToBeVisibleAsync();

        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast"] } });
        results.Violations.Should().BeEmpty();
        results.Passes.Should().Contain(p => p.Id == "color-contrast" && p.Nodes.Any(n => n.Html.Contains("at-risk-link", StringComparison.Ordinal)));
        await page.Context.CloseAsync();
    }

    private static int Number(string text) => int.Parse(text.Trim().Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));
}
