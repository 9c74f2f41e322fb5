using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>axe-core on every page moved onto MudBlazor, as its user sees it: no serious or critical violation.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    public static TheoryData<string, string> MovedPages() => new()
    {
        { "-", "/account/signin" },
        { DemoAccounts.Officer, "/" },
        { DemoAccounts.Lead, "/" },
        { DemoAccounts.Committee, "/" },
        { DemoAccounts.Province, "/" },
        { DemoAccounts.Admin, "/" },
        { DemoAccounts.Officer, "/account/password" },
        { DemoAccounts.Admin, "/account/two-factor" },
        { DemoAccounts.Lead, "/sites" },
        { DemoAccounts.Lead, "/sites/new" },
        { DemoAccounts.Lead, "/sites/{site}" },
        { DemoAccounts.Committee, "/cells" },
        { DemoAccounts.Committee, "/cells/{cell}" },
        { DemoAccounts.Committee, "/members" },
        { DemoAccounts.Committee, "/members/{member}" },
        { DemoAccounts.Committee, "/members/import" },
        { DemoAccounts.Admin, "/campaign" },
        { DemoAccounts.Admin, "/admin/users" },
        { DemoAccounts.Admin, "/admin/users/new" },
        { DemoAccounts.Admin, "/admin/audit" },
        { DemoAccounts.Lead, "/reports/daily" },
        { DemoAccounts.Province, "/reports/daily?commune=04522" },
        { DemoAccounts.Province, "/province" },
        { DemoAccounts.Province, "/province?risk=true" },
        { DemoAccounts.Officer, "/home-visits/mine" },
        { DemoAccounts.Lead, "/home-visits" },
        { DemoAccounts.Lead, "/home-visits/kits" },
        { DemoAccounts.Lead, "/home-visits/packages" },
        { DemoAccounts.Lead, "/review" },
        { DemoAccounts.Lead, "/transmission" },
        { DemoAccounts.Lead, "/planning" },
        { DemoAccounts.Lead, "/planning/missed" },
        { DemoAccounts.Committee, "/members/worklist" },
        { "-", "/error" },
    };

    [Theory]
    [MemberData(nameof(MovedPages))]
    public async Task A_moved_page_has_no_serious_accessibility_violation(string user, string path)
    {
        var page = await browser.NewPageAsync();
        if (user != "-")
        {
            await Pages.SignInAsync(page, user);
            await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        }

        await page.GotoAsync(await ResolveAsync(path));
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        if (await page.Locator("main[data-interactive]").CountAsync() > 0)
        {
            await Pages.WaitForInteractiveAsync(page);
        }

        var results = await page.RunAxe();
        var serious = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        serious.Should().BeEmpty("{0} as {1}", path, user);
        await page.Context.CloseAsync();
    }

    /// <summary>Fills {site} and {cell} with rows of the first demo commune.</summary>
    private async Task<string> ResolveAsync(string path)
    {
        if (!path.Contains('{', StringComparison.Ordinal))
        {
            return path;
        }

        await using var db = browser.App.Database.CreateContext(PartyCardIntake.Core.Data.DataScope.System);
        var commune = await db.Communes.Where(c => c.Code == DemoPopulationGenerator.DefaultShapes[0].Code).Select(c => c.Id).SingleAsync();
        var site = await db.IntakeSites.Where(s => s.CommuneId == commune).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var cell = await db.PartyCells.Where(c => c.CommuneId == commune).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        // A member with an application, so that the page shows its tables.
        var member = await db.Applications.Where(a => a.Member!.CommuneId == commune).OrderBy(a => a.MemberId).Select(a => a.MemberId).FirstAsync();
        return path.Replace("{site}", site.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{cell}", cell.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{member}", member.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_finds_a_violation_when_there_is_one()
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<html lang=\"vi\"><body><main><h1>x</h1><input type=\"text\"><img src=\"a.png\"></main></body></html>");
        var results = await page.RunAxe(new AxeRunOptions());
        results.Violations.Should().Contain(v => v.Id == "label" || v.Id == "image-alt");
        await page.Context.CloseAsync();
    }
}
