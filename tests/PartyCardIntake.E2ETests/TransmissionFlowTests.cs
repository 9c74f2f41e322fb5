using System.Security.Cryptography;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// The lead makes the package of a past day: a day in 2099 is refused beside the field with the typed date kept, the
/// corrected day is confirmed and packed, the package is listed and downloads; the same day again is refused.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class TransmissionFlowTests(BrowserFixture browser)
{
    // Before the demo's own history: the package holds only the record made here.
    private static readonly DateOnly Day = new(2026, 10, 15);

    [Fact]
    public async Task The_lead_makes_a_past_days_package_after_a_future_day_is_refused_beside_the_field()
    {
        var id = await ApprovedOnAsync(Day);
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await page.GotoAsync("/transmission?id=x");
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Gói truyền");

        var day = page.Locator("#transmission-day");
        await Pages.TypeDateAsync(day, "01/01/2099");
        await page.GetByTestId("transmission-create").ClickAsync();
        await Expect(Pages.FieldMessage(page, "transmission-day")).ToHaveTextAsync("Không thể tạo gói truyền cho ngày chưa đến.");
        await Expect(day).ToHaveValueAsync("01/01/2099");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await Pages.TypeDateAsync(day, Day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        var create = page.GetByTestId("transmission-create");
        await Expect(create).ToHaveTextAsync("Tạo gói truyền ngày 15/10/2026");
        await create.ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("Gói ngày 15/10/2026");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Tạo gói" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã tạo gói truyền" })).ToBeVisibleAsync();

        Transmission transmission;
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            transmission = await db.Transmissions.AsNoTracking().SingleAsync(t => t.Day == Day);
            (await db.Applications.SingleAsync(a => a.Id == id)).State.Should().Be(ApplicationState.Transmitted);
        }

        var row = page.GetByTestId("transmission-list").Locator("tr", new() { Has = page.Locator($"[data-transmission-id='{transmission.Id}']") });
        await Expect(row.GetByTestId("transmission-created")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("15/10/2026");
        await Expect(row.Locator("td.num").First).ToHaveTextAsync(transmission.Records.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("transmission-download").ClickAsync());
        download.SuggestedFilename.Should().EndWith("-20261015.zip");
        var zip = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Convert.ToHexStringLower(SHA256.HashData(zip)).Should().Be(transmission.Sha256);

        // The same day again: refused beside the day, nothing made.
        await create.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Tạo gói" }).ClickAsync();
        await Expect(Pages.FieldMessage(page, "transmission-day")).ToContainTextAsync("Ngày này đã có gói truyền");
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            (await db.Transmissions.CountAsync(t => t.Day == Day)).Should().Be(1);
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

    /// <summary>A record of the first demo commune with photo and signature, submitted and approved on <paramref name="day"/>.</summary>
    private async Task<Guid> ApprovedOnAsync(DateOnly day)
    {
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var candidates = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .Take(200)
            .ToListAsync();
        PartyMember member;
        lock (browser.TakenMembers)
        {
            member = candidates.First(m => browser.TakenMembers.Add(m.Id));
        }

        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7)).UtcDateTime;
        var photo = DeskClient.Fixture("photo-600x800.jpg");
        var signature = DeskClient.Fixture("signature-600x200.png");
        var capture = ApplicationCapture.Create(
            photo, 600, 800, Convert.ToHexStringLower(SHA256.HashData(photo)),
            signature, await File.ReadAllTextAsync(DeskClient.FixturePath("signature-600x200.json")), Convert.ToHexStringLower(SHA256.HashData(signature)), at);
        var application = Application.Submit(Guid.NewGuid(), member, null, null, "e2e-officer", at, capture: capture);
        application.ApplyCheck(CheckOutcome.Matched, false, at, TimeSpan.Zero);
        application.Approve("e2e-lead", at.AddHours(1));
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id;
    }
}
