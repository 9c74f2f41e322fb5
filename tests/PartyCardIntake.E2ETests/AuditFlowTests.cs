using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The province administrator reads who did what on given days.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class AuditFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_admin_filters_the_audit_log_by_a_range_of_days_with_the_date_pickers()
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Admin);
        await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
        await Pages.WaitForInteractiveAsync(page);
        await Pages.ClickMenuItemAsync(page, "nav-audit");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/audit$"));
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("audit-row").First).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var from = page.Locator("#audit-from");
        var to = page.Locator("#audit-to");

        // Backwards first: the message is beside the end date and both dates stay as typed.
        await Pages.TypeDateAsync(from, Show(today));
        await Pages.TypeDateAsync(to, Show(today.AddDays(-1)));
        await page.GetByTestId("audit-search").ClickAsync();
        await Expect(page.GetByText("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")).ToBeVisibleAsync();
        await Expect(from).ToHaveValueAsync(Show(today));
        await Expect(to).ToHaveValueAsync(Show(today.AddDays(-1)));

        // Yesterday only: nothing of today's sign-in is there.
        await Pages.TypeDateAsync(from, Show(today.AddDays(-1)));
        await page.GetByTestId("audit-search").ClickAsync();
        await Expect(page.GetByTestId("audit-empty")).ToBeVisibleAsync();

        // The end date picked in the calendar: today is in the range, with the administrator's sign-in.
        // (The calendar opens on the month of the date in the field, yesterday's; on the 1st today is a month on.)
        if (today.Day > 1)
        {
            await page.Locator(".mud-picker").Filter(new() { Has = to }).GetByRole(AriaRole.Button, new() { Name = "Mở lịch chọn ngày" }).ClickAsync();
            await page.Locator(".mud-popover-open button.mud-picker-calendar-day:not(.mud-adjacent-month)")
                .Filter(new() { HasTextRegex = new Regex($"^{today.Day}$") }).ClickAsync();
        }
        else
        {
            await Pages.TypeDateAsync(to, Show(today));
        }

        await Expect(to).ToHaveValueAsync(Show(today));
        await Pages.ChooseByLabelAsync(page, "Thao tác", "Đăng nhập");
        await page.GetByTestId("audit-search").ClickAsync();
        await Expect(page.Locator("[data-testid='audit-row'][data-action='SignIn']").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid='audit-row']:not([data-action='SignIn'])")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("audit-user-name").Filter(new() { HasText = DemoAccounts.Admin }).First).ToBeVisibleAsync();

        // The count is the filter's, and matches the database.
        long signIns;
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var start = new DateTimeOffset(today.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).UtcDateTime;
            var end = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).UtcDateTime;
            signIns = await db.AuditEntries.CountAsync(e => e.Action == Core.Domain.AuditAction.SignIn && e.At >= start && e.At < end);
        }

        await Expect(page.GetByTestId("audit-count")).ToHaveTextAsync($"{signIns:N0} bản ghi".Replace(",", ".", StringComparison.Ordinal));

        await page.GetByTestId("audit-verify").ClickAsync();
        await Expect(page.GetByTestId("audit-intact")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private static string Show(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
