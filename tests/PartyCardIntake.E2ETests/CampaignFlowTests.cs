using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The province administrator moves the campaign's deadline and gives one commune an earlier one.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class CampaignFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_admin_sets_a_deadline_with_a_wrong_date_reads_why_fixes_it_and_saves()
    {
        DateOnly? startBefore, deadlineBefore;
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var province = await db.Provinces.AsNoTracking().SingleAsync();
            (startBefore, deadlineBefore) = (province.CampaignStart, province.Deadline);
        }

        var start = startBefore ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var page = await browser.NewPageAsync();
        try
        {
            await Pages.SignInAsync(page, DemoAccounts.Admin);
            await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
            await Pages.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Thời hạn đợt cấp đổi" }).ClickAsync();
            await Pages.WaitForInteractiveAsync(page);
            await Expect(page.Locator("#campaign-start")).ToHaveValueAsync(Show(start));

            // A deadline before the start: the message is beside the field and the typed date stays.
            var deadline = page.Locator("#campaign-deadline");
            await Pages.TypeDateAsync(deadline, Show(start.AddDays(-1)));
            await page.GetByTestId("campaign-save").ClickAsync();
            await Expect(page.GetByText("Hạn hoàn thành phải sau ngày bắt đầu.")).ToBeVisibleAsync();
            await Expect(deadline).ToHaveValueAsync(Show(start.AddDays(-1)));

            // A slip of the year is refused as well.
            await Pages.TypeDateAsync(deadline, "31/12/2099");
            await Expect(page.GetByText("Ngày phải trong khoảng 01/01/2020 – 31/12/2040.")).ToBeVisibleAsync();
            await Expect(deadline).ToHaveValueAsync("31/12/2099");

            // A commune's own deadline before the campaign starts gets its own message.
            await Pages.TypeDateAsync(deadline, Show(start.AddDays(40)));
            var commune = page.GetByLabel("Hạn của Phường Kỳ Sơn");
            await Pages.TypeDateAsync(commune, Show(start.AddDays(-3)));
            await page.GetByTestId("campaign-save").ClickAsync();
            await Expect(page.GetByText($"Hạn của xã/phường không được trước ngày bắt đầu đợt ({Show(start)}).")).ToBeVisibleAsync();
            await Expect(commune).ToHaveValueAsync(Show(start.AddDays(-3)));

            await Pages.TypeDateAsync(commune, Show(start.AddDays(30)));
            await page.GetByTestId("campaign-save").ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã lưu thời hạn.");
            await Expect(page.Locator(".mud-input-error")).ToHaveCountAsync(0);

            // Saved: a fresh page shows it, and so does the planning the commune works with.
            await page.ReloadAsync();
            await Pages.WaitForInteractiveAsync(page);
            await Expect(page.Locator("#campaign-deadline")).ToHaveValueAsync(Show(start.AddDays(40)));
            await Expect(page.GetByLabel("Hạn của Phường Kỳ Sơn")).ToHaveValueAsync(Show(start.AddDays(30)));
            await using var db = browser.App.Database.CreateContext(DataScope.System);
            (await db.Provinces.AsNoTracking().SingleAsync()).Deadline.Should().Be(start.AddDays(40));
            (await db.Communes.AsNoTracking().SingleAsync(c => c.Name == "Phường Kỳ Sơn")).Deadline.Should().Be(start.AddDays(30));
        }
        finally
        {
            await page.Context.CloseAsync();
            await using var db = browser.App.Database.CreateContext(DataScope.System);
            await db.Provinces.ExecuteUpdateAsync(s => s.SetProperty(p => p.CampaignStart, startBefore).SetProperty(p => p.Deadline, deadlineBefore));
            await db.Communes.Where(c => c.Name == "Phường Kỳ Sơn").ExecuteUpdateAsync(s => s.SetProperty(c => c.Deadline, (DateOnly?)null));
        }
    }

    private static string Show(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
