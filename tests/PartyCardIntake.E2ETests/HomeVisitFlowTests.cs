using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.MockRegistry;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>A home visit from appointment to capture: the station lead books it, the officer captures on the mobile device.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class HomeVisitFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_lead_books_a_visit_and_the_officer_captures_the_member_at_home()
    {
        var (memberId, name) = await FlaggedMemberAsync();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(1);

        // The station lead books the visit from the member's page: the home-visit page opens the member's form.
        var lead = await browser.NewPageAsync();
        await Pages.SignInAsync(lead, DemoAccounts.Lead);
        await lead.GotoAsync($"/members/{memberId}");
        await Pages.WaitForInteractiveAsync(lead);
        await lead.GetByTestId("member-home-visit-link").ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex($"/home-visits\\?member={memberId}"));
        await Pages.WaitForInteractiveAsync(lead);
        var row = lead.Locator($"[data-testid=hv-waiting-row][data-member='{memberId}']");
        await Expect(row.GetByTestId("hv-create-form")).ToBeVisibleAsync();
        await Pages.TypeDateAsync(lead.Locator($"#m{memberId}-date"), day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Pages.TypeDateAsync(lead.Locator($"#m{memberId}-start"), "10:00");
        await Pages.ChooseAsync(lead, "hv-officer", "Cán bộ tiếp nhận (demo)");
        await Expect(lead.Locator($"#m{memberId}-team")).ToHaveValueAsync("Tổ lưu động 1");
        await row.GetByTestId("hv-create").ClickAsync();

        await Expect(lead.Locator(".mud-snackbar", new() { HasText = "Đã đặt lịch thăm." })).ToBeVisibleAsync();
        var booked = lead.Locator($"[data-testid=hv-visit][data-member='{memberId}']");
        await Expect(booked).ToHaveAttributeAsync("data-status", "Planned");
        await Expect(booked).ToContainTextAsync("10:00–10:30");
        await lead.Context.CloseAsync();

        // The officer finds it in the own list and captures with the mobile team's device.
        var officer = await browser.NewPageAsync();
        await Pages.SignInAsync(officer, DemoAccounts.Officer);
        await Pages.WaitForInteractiveAsync(officer);
        await officer.GetByRole(AriaRole.Link, new() { Name = "Thăm tại nhà", Exact = true }).First.ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex("/home-visits/mine$"));
        await Pages.WaitForInteractiveAsync(officer);
        var visit = officer.Locator($"[data-testid=hv-mine-row][data-member='{memberId}']");
        await Expect(visit).ToContainTextAsync(name);
        await Expect(visit).ToContainTextAsync("10:00–10:30");
        await Expect(officer.GetByTestId("hv-day").First).ToContainTextAsync(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await visit.GetByTestId("hv-capture").ClickAsync();

        await Expect(officer.GetByTestId("station-form")).ToBeVisibleAsync();
        var mobile = await officer.Locator("#station option").Filter(new() { HasText = DemoSeeder.MobileDeviceName }).First.TextContentAsync();
        await officer.Locator("#station").SelectOptionAsync(new SelectOptionValue { Label = mobile!.Trim() });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu làm việc" }).ClickAsync();

        await Expect(officer.GetByTestId("desk-member-name")).ToHaveTextAsync(name);
        await Expect(officer.GetByTestId("desk-station")).ToContainTextAsync(DemoSeeder.MobileDeviceName);
        await Expect(officer.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Matched");
        await Pages.CaptureAndSignAsync(officer);
        await officer.GetByTestId("submit").ClickAsync();

        await Expect(officer).ToHaveURLAsync(new Regex("/home-visits/mine\\?saved="));
        await Expect(officer.GetByTestId("hv-saved")).ToBeVisibleAsync();
        var done = officer.Locator($"[data-testid=hv-mine-row][data-member='{memberId}']");
        await Expect(done).ToHaveAttributeAsync("data-status", "Done");
        await Expect(done.GetByTestId("hv-status")).ToHaveTextAsync("Đã thu nhận");
        await Expect(done.GetByTestId("hv-capture")).ToHaveCountAsync(0);

        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var application = await db.Applications.SingleAsync(a => a.MemberId == memberId);
        (await db.Devices.SingleAsync(d => d.Id == application.DeviceId)).Name.Should().Be(DemoSeeder.MobileDeviceName);
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task A_home_visit_at_02_00_is_refused_then_booked_at_09_00_and_cancelled_after_confirmation()
    {
        var (memberId, name) = await FlaggedMemberAsync();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(2);
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await page.GotoAsync($"/home-visits?member={memberId}");
        await Pages.WaitForInteractiveAsync(page);
        var row = page.Locator($"[data-testid=hv-waiting-row][data-member='{memberId}']");
        await Expect(row.GetByTestId("hv-create-form")).ToBeVisibleAsync();

        // 02:00: refused beside the time field, in Vietnamese; everything typed stays.
        await Pages.TypeDateAsync(page.Locator($"#m{memberId}-date"), day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Pages.TypeDateAsync(page.Locator($"#m{memberId}-start"), "02:00");
        await Pages.ChooseAsync(page, "hv-officer", "Cán bộ tiếp nhận (demo)");
        await page.Locator($"#m{memberId}-note").FillAsync("Gọi con gái trước khi đến");
        await row.GetByTestId("hv-create").ClickAsync();

        await Expect(Pages.FieldMessage(page, $"m{memberId}-start")).ToContainTextAsync("Giờ thăm phải nằm trong khung");
        await Expect(page.Locator($"#m{memberId}-start")).ToHaveValueAsync("02:00");
        await Expect(page.Locator($"#m{memberId}-date")).ToHaveValueAsync(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Expect(page.Locator($"#m{memberId}-note")).ToHaveValueAsync("Gọi con gái trước khi đến");
        await Expect(row.GetByTestId("hv-officer")).ToContainTextAsync("Cán bộ tiếp nhận (demo)");
        await Expect(page.Locator($"[data-testid=hv-visit][data-member='{memberId}']")).ToHaveCountAsync(0);

        // 09:00: saved, and listed under its day.
        await Pages.TypeDateAsync(page.Locator($"#m{memberId}-start"), "09:00");
        await Expect(Pages.FieldMessage(page, $"m{memberId}-start")).ToHaveCountAsync(0);
        await row.GetByTestId("hv-create").ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã đặt lịch thăm." })).ToBeVisibleAsync();
        var visit = page.Locator($"[data-testid=hv-visit][data-member='{memberId}']");
        await Expect(visit).ToHaveAttributeAsync("data-status", "Planned");
        await Expect(visit).ToContainTextAsync("09:00–09:30");
        await Expect(visit).ToContainTextAsync(name);
        await Expect(visit).ToContainTextAsync("Gọi con gái trước khi đến");
        await Expect(page.Locator($"[data-testid=hv-waiting-row][data-member='{memberId}']")).ToHaveCountAsync(0);

        // Cancel asks first: "no" keeps the visit, "yes" cancels it.
        await visit.GetByTestId("hv-cancel").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Không hủy" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(visit).ToHaveAttributeAsync("data-status", "Planned");
        await visit.GetByTestId("hv-cancel").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Hủy lịch" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã hủy lịch thăm." })).ToBeVisibleAsync();
        await Expect(visit).ToHaveAttributeAsync("data-status", "Cancelled");
        await Expect(page.Locator($"[data-testid=hv-waiting-row][data-member='{memberId}']")).ToHaveCountAsync(1);

        await using var db = browser.App.Database.CreateContext(DataScope.System);
        (await db.HomeVisits.SingleAsync(v => v.MemberId == memberId)).Status.Should().Be(HomeVisitStatus.Cancelled);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refusal_on_the_second_page_keeps_the_page_and_the_form()
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await page.GotoAsync("/home-visits");
        await Pages.WaitForInteractiveAsync(page);
        var firstOnPageOne = await page.GetByTestId("hv-waiting-row").First.GetAttributeAsync("data-member");
        await page.Locator(".mud-pagination button").Filter(new() { HasTextRegex = new Regex("^\\s*2\\s*$") }).ClickAsync();
        await Expect(page.GetByTestId("hv-waiting-row").First).Not.ToHaveAttributeAsync("data-member", firstOnPageOne!);
        var row = page.GetByTestId("hv-waiting-row").First;
        var memberId = await row.GetAttributeAsync("data-member");

        await row.GetByTestId("hv-open-create").ClickAsync();
        await Pages.TypeDateAsync(page.Locator($"#m{memberId}-start"), "02:00");
        await page.Locator($"#m{memberId}-note").FillAsync("Trang 2");
        await row.GetByTestId("hv-create").ClickAsync();

        await Expect(Pages.FieldMessage(page, $"m{memberId}-start")).ToContainTextAsync("Giờ thăm phải nằm trong khung");
        await Expect(page.GetByTestId("hv-waiting-row").First).ToHaveAttributeAsync("data-member", memberId!);
        await Expect(page.Locator($"#m{memberId}-note")).ToHaveValueAsync("Trang 2");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(DemoAccounts.Lead, "/home-visits")]
    [InlineData(DemoAccounts.Committee, "/home-visits")]
    [InlineData(DemoAccounts.Officer, "/home-visits/mine")]
    [InlineData(DemoAccounts.Lead, "/home-visits?page=abc")]
    public async Task The_home_visit_pages_have_no_serious_accessibility_violation(string user, string path)
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, user);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"));
        await page.GotoAsync(path);
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        if (user == DemoAccounts.Lead && path == "/home-visits")
        {
            // With a form open, as the lead works.
            await page.GetByTestId("hv-open-create").First.ClickAsync();
            await Expect(page.GetByTestId("hv-create-form")).ToBeVisibleAsync();
        }

        var results = await page.RunAxe();
        var serious = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        serious.Should().BeEmpty("{0} as {1}", path, user);
        await page.Context.CloseAsync();
    }

    /// <summary>A flagged member of the first commune whose registry record matches, not used by another test.</summary>
    private async Task<(int Id, string Name)> FlaggedMemberAsync()
    {
        var population = browser.App.Services.GetRequiredService<SyntheticPopulation>();
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var members = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.NeedsHomeVisit && m.Exemption == null
                && !db.Applications.Any(a => a.MemberId == m.Id) && !db.HomeVisits.Any(v => v.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber, m.FullName })
            .ToListAsync();
        lock (browser.TakenMembers)
        {
            var m = members.First(m => population.DiscrepancyOf(m.IdNumber.Value) == Discrepancy.None && browser.TakenMembers.Add(m.Id));
            return (m.Id, m.FullName);
        }
    }
}
