using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The ward committee keeps its party cells on the interactive cells page.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class CellFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_committee_creates_a_cell_is_told_a_name_is_taken_and_renames_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..5];
        var taken = await TakenNameAsync();
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Committee);
        await page.GotoAsync("/cells");
        await Pages.WaitForInteractiveAsync(page);

        // A name the commune already has: refused beside the name, what was typed stays.
        await page.GetByTestId("cell-new").ClickAsync();
        var panel = page.GetByTestId("cell-new-panel");
        await panel.GetByTestId("cell-name").FillAsync(taken);
        await panel.GetByTestId("cell-secretary").FillAsync("Lê Văn Tám");
        await panel.GetByTestId("cell-phone").FillAsync("0912 345 678");
        await Pages.ChooseAsync(page, "cell-availability", "Buổi tối");
        await panel.GetByTestId("cell-save").ClickAsync();
        await Expect(panel.GetByText("Xã/phường đã có chi bộ mang tên này.")).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("cell-secretary")).ToHaveValueAsync("Lê Văn Tám");
        await Expect(panel.GetByTestId("cell-phone")).ToHaveValueAsync("0912 345 678");

        // A new name: saved and listed with its availability.
        var name = "Chi bộ Khu E2E " + suffix;
        await panel.GetByTestId("cell-name").FillAsync(name);
        await panel.GetByTestId("cell-save").ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);
        await page.GetByTestId("cell-search").FillAsync(suffix);
        var row = page.Locator("tr").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("Buổi tối");
        await Expect(row).ToContainTextAsync("Lê Văn Tám");

        // Renamed on its own page.
        await row.GetByTestId("cell-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/cells/\\d+$"));
        await Expect(page.GetByTestId("cell-name")).ToHaveValueAsync(name);
        var renamed = "Chi bộ Khu Tây E2E " + suffix;
        await page.GetByTestId("cell-name").FillAsync(renamed);
        await page.GetByTestId("cell-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/cells$"));
        await page.GetByTestId("cell-search").FillAsync(suffix);
        await Expect(page.Locator("tr").Filter(new() { HasText = renamed })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("cell-table")).Not.ToContainTextAsync(name);
        await page.Context.CloseAsync();
    }

    private async Task<string> TakenNameAsync()
    {
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        return await db.PartyCells.Where(c => c.Commune!.Code == firstCommune).OrderBy(c => c.Id).Select(c => c.Name).FirstAsync();
    }
}
