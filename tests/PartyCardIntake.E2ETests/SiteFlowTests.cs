using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartyCardIntake.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The station lead keeps a site's opening hours on the interactive site form.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class SiteFlowTests(BrowserFixture browser)
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    [Fact]
    public async Task The_lead_edits_a_sites_week_is_told_beside_wednesday_what_is_wrong_keeps_every_day_fixes_it_and_sees_it_listed()
    {
        var siteName = "Điểm giờ " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);

        // A new site with the form's ordinary hours and one device.
        await page.GotoAsync("/sites");
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByTestId("site-new").ClickAsync();
        await page.GetByTestId("site-name").FillAsync(siteName);
        await page.GetByTestId("site-new-device").FillAsync("Máy 1");
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sites$"));

        // Open it again from the list.
        var row = page.Locator("tr").Filter(new() { HasText = siteName });
        await row.GetByTestId("site-edit").ClickAsync();
        await Expect(page.GetByTestId("site-week")).ToBeVisibleAsync();

        // A different week, with Wednesday closing before it opens, and a lunch break on Monday.
        var opens = new[] { "07:00", "07:05", "07:10", "07:15", "07:20", "07:25", "07:30" };
        var closes = new[] { "17:00", "17:05", "06:00", "17:15", "17:20", "17:25", "17:30" };
        for (var i = 0; i < 7; i++)
        {
            await page.GetByTestId($"hours-{Week[i]}-opens").FillAsync(opens[i]);
            await page.GetByTestId($"hours-{Week[i]}-closes").FillAsync(closes[i]);
        }

        await page.GetByTestId("hours-Monday-break-starts").FillAsync("11:30");
        await page.GetByTestId("hours-Monday-break-ends").FillAsync("13:30");
        await page.GetByTestId("site-save").ClickAsync();

        await Expect(page.GetByTestId("hours-error-Wednesday")).ToHaveTextAsync("Thứ Tư: giờ đóng cửa phải sau giờ mở cửa.");
        await Expect(page.GetByTestId("site-error")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sites/\\d+$"));
        foreach (var other in Week.Where(d => d != DayOfWeek.Wednesday))
        {
            await Expect(page.GetByTestId($"hours-error-{other}")).ToBeEmptyAsync();
        }

        for (var i = 0; i < 7; i++)
        {
            await Expect(page.GetByTestId($"hours-{Week[i]}-opens")).ToHaveValueAsync(opens[i]);
            await Expect(page.GetByTestId($"hours-{Week[i]}-closes")).ToHaveValueAsync(closes[i]);
        }

        await Expect(page.GetByTestId("hours-Monday-break-starts")).ToHaveValueAsync("11:30");

        // Fixing the closing time takes the message away at once; the save goes through.
        await page.GetByTestId("hours-Wednesday-closes").FillAsync("17:10");
        await page.GetByTestId("hours-Wednesday-opens").FocusAsync();
        await Expect(page.GetByTestId("hours-error-Wednesday")).ToBeEmptyAsync();
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sites$"));

        var hours = page.Locator("tr").Filter(new() { HasText = siteName }).GetByTestId("site-hours");
        await Expect(hours).ToContainTextAsync("Thứ Hai07:00–11:30, 13:30–17:00");
        await Expect(hours).ToContainTextAsync("Thứ Tư07:10–17:10");
        await Expect(hours).ToContainTextAsync("Chủ nhật07:30–17:30");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_lead_adds_a_holiday_and_removes_it_only_after_confirming()
    {
        var siteName = "Điểm ngày lễ " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await page.GotoAsync("/sites/new");
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByTestId("site-name").FillAsync(siteName);

        // 2 September, closed (a new special day starts closed).
        await page.GetByTestId("special-add").ClickAsync();
        var special = page.GetByTestId("special-row");
        await special.Locator("input").First.FillAsync("02/09/2026");
        await special.Locator("input").First.PressAsync("Tab");
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sites$"));
        var row = page.Locator("tr").Filter(new() { HasText = siteName });
        await Expect(row.GetByTestId("site-special-days")).ToContainTextAsync("02/09/2026: Nghỉ");

        // Removing asks first; "Hủy" keeps the day, "Xóa" takes it off the form, and saving stores that.
        await row.GetByTestId("site-edit").ClickAsync();
        await Expect(special).ToHaveCountAsync(1);
        await page.GetByTestId("special-0-remove").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Hủy", Exact = true }).ClickAsync();
        await Expect(special).ToHaveCountAsync(1);
        await page.GetByTestId("special-0-remove").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Xóa", Exact = true }).ClickAsync();
        await Expect(special).ToHaveCountAsync(0);
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sites$"));
        await Expect(page.Locator("tr").Filter(new() { HasText = siteName }).GetByTestId("site-special-days")).Not.ToContainTextAsync("02/09/2026");
        await page.Context.CloseAsync();
    }
}
