using System.Globalization;
using System.Text.RegularExpressions;
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

        // The station lead books the visit from the member's page.
        var lead = await browser.NewPageAsync();
        await Pages.SignInAsync(lead, DemoAccounts.Lead);
        await lead.GotoAsync($"/members/{memberId}");
        await Pages.WaitForInteractiveAsync(lead);
        await lead.GetByTestId("member-home-visit-link").ClickAsync();
        // The home-visit list is a static page: a full load replaces the member's interactive page.
        await Expect(lead.Locator("main[data-interactive]")).ToHaveCountAsync(0);
        var row = lead.Locator($"[data-testid=hv-waiting-row][data-member='{memberId}']");
        await Expect(row.GetByTestId("hv-create-form")).ToBeVisibleAsync();
        await row.GetByLabel("Ngày").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await row.GetByLabel("Giờ bắt đầu").FillAsync("10:00");
        await row.GetByLabel("Cán bộ phụ trách").SelectOptionAsync(new SelectOptionValue { Label = "Cán bộ tiếp nhận (demo)" });
        await Expect(row.GetByLabel("Tổ")).ToHaveValueAsync("Tổ lưu động 1");
        await row.GetByTestId("hv-create").ClickAsync();

        await Expect(lead.GetByTestId("hv-done")).ToHaveTextAsync("Đã đặt lịch thăm.");
        var booked = lead.Locator($"[data-testid=hv-visit][data-member='{memberId}']");
        await Expect(booked).ToHaveAttributeAsync("data-status", "Planned");
        await Expect(booked).ToContainTextAsync("10:00–10:30");
        await lead.Context.CloseAsync();

        // The officer finds it in the own list and captures with the mobile team's device.
        var officer = await browser.NewPageAsync();
        await Pages.SignInAsync(officer, DemoAccounts.Officer);
        await Pages.FollowMenuLinkAsync(officer, "Thăm tại nhà", "/home-visits/mine");
        await Expect(officer).ToHaveURLAsync(new Regex("/home-visits/mine$"));
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
