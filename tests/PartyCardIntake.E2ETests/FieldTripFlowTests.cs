using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// A whole field trip on two instances: the station (the fixture's application) makes a kit; a second application in
/// field mode, on its own SQLite file and with no registry, is the laptop. The laptop's browser reaches nothing but
/// the laptop itself (Blazor Server needs its own loopback link; every other address, the station's included, is cut).
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class FieldTripFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_kit_goes_to_a_laptop_that_captures_two_members_offline_and_the_station_imports_them_into_the_days_report()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var members = new[] { await FieldTrip.MemberWithVisitAsync(browser, today), await FieldTrip.MemberWithVisitAsync(browser, today) };
        var lead = await browser.NewPageAsync();
        await Pages.SignInAsync(lead, DemoAccounts.Lead);
        var receivedBefore = await FieldTrip.ReceivedTodayAsync(lead);
        var (passphrase, kitFile) = await FieldTrip.MakeKitAsync(lead, today);

        await using var laptopApp = new PartyCardAppFactory(DatabaseProvider.Sqlite, realServer: true);
        laptopApp.Set("Demo:Enabled", "false");
        laptopApp.Set("Field:Enabled", "true");
        laptopApp.Set("Registry:BaseAddress", "http://127.0.0.1:9/");
        var laptopAddress = laptopApp.ServerAddress;
        var laptop = await OfflineLaptopAsync(laptopAddress);
        var cut = await laptop.EvaluateAsync<bool>("url => fetch(url, { mode: 'no-cors' }).then(() => false, () => true)", browser.BaseAddress + "health/live");
        cut.Should().BeTrue("the laptop's browser must not reach the station");

        // Setting up the laptop (a static form: nobody can sign in before the kit): the kit, its passphrase typed in
        // lower case with spaces, the officer's own password. A wrong passphrase first: refused beside the field.
        await laptop.GotoAsync("/");
        await Expect(laptop).ToHaveURLAsync(new Regex("/field/setup"));
        await ExpectAccessibleAsync(laptop);
        await laptop.GetByTestId("field-kit-file").SetInputFilesAsync(new FilePayload { Name = "bo-du-lieu.pcikit", MimeType = "application/octet-stream", Buffer = kitFile });
        await laptop.GetByTestId("field-passphrase").FillAsync(passphrase.ToLowerInvariant().Replace('-', ' '));
        await laptop.GetByTestId("field-username").FillAsync(DemoAccounts.Officer);
        await laptop.GetByTestId("field-password").FillAsync(PartyCardAppFactory.DemoPassword);
        await laptop.GetByTestId("field-passphrase").FillAsync("AAAA-BBBB-CCCC-DDDD-EEEE");
        await laptop.GetByTestId("field-import").ClickAsync();
        await Expect(laptop.GetByTestId("field-passphrase-error")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(laptop.GetByTestId("field-username")).ToHaveValueAsync(DemoAccounts.Officer);
        await laptop.GetByTestId("field-kit-file").SetInputFilesAsync(new FilePayload { Name = "bo-du-lieu.pcikit", MimeType = "application/octet-stream", Buffer = kitFile });
        await laptop.GetByTestId("field-passphrase").FillAsync(passphrase.ToLowerInvariant().Replace('-', ' '));
        await laptop.GetByTestId("field-password").FillAsync(PartyCardAppFactory.DemoPassword);
        await laptop.GetByTestId("field-import").ClickAsync();
        await Expect(laptop.GetByTestId("field-setup-done")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(laptop.GetByTestId("field-fingerprint")).ToContainTextAsync(await StationFingerprintAsync());

        // Offline sign-in, then the two visits captured at the desk: the kit's station, every record pending.
        await Pages.SignInAsync(laptop, DemoAccounts.Officer);
        await Expect(laptop).ToHaveURLAsync(new Regex("/field$"));
        await Expect(laptop.GetByTestId("field-banner")).ToBeVisibleAsync();
        foreach (var member in members)
        {
            await laptop.GotoAsync("/home-visits/mine");
            await Pages.WaitForInteractiveAsync(laptop);
            await laptop.Locator($"[data-testid=hv-mine-row][data-member='{member}']").GetByTestId("hv-capture").ClickAsync();
            await Expect(laptop.GetByTestId("saving-as")).ToHaveAttributeAsync("data-verification", nameof(VerificationStatus.Pending));
            await Expect(laptop.GetByTestId("saving-as")).ToContainTextAsync("chờ đối chiếu");
            await Expect(laptop.GetByTestId("registry-retry")).ToHaveCountAsync(0);
            await Pages.CaptureAndSignAsync(laptop);
            await laptop.GetByTestId("submit").ClickAsync();
            await Expect(laptop).ToHaveURLAsync(new Regex("/home-visits/mine\\?saved="));
        }

        // The package leaves the laptop.
        await laptop.GotoAsync("/field");
        await Pages.WaitForInteractiveAsync(laptop);
        await Expect(laptop.GetByTestId("field-outstanding")).ToHaveTextAsync("2");
        await ExpectAccessibleAsync(laptop);
        var packageDownload = await laptop.RunAndWaitForDownloadAsync(() => laptop.GetByTestId("field-export").ClickAsync());
        packageDownload.SuggestedFilename.Should().EndWith(".pcipkg");
        var package = await File.ReadAllBytesAsync((await packageDownload.PathAsync())!);

        // The station imports it, once, and both records count in the day they were captured.
        await lead.GotoAsync("/home-visits/packages");
        await Pages.WaitForInteractiveAsync(lead);
        await lead.GetByTestId("fp-file").SetInputFilesAsync(new FilePayload { Name = packageDownload.SuggestedFilename, MimeType = "application/octet-stream", Buffer = package });
        await Expect(lead.GetByTestId("fp-result")).ToHaveAttributeAsync("data-added", "2");
        var receiptDownload = await lead.RunAndWaitForDownloadAsync(() => lead.GetByTestId("fp-receipt").ClickAsync());
        var receipt = await File.ReadAllBytesAsync((await receiptDownload.PathAsync())!);
        (await FieldTrip.ReceivedTodayAsync(lead)).Should().Be(receivedBefore + 2);
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var saved = await db.Applications.AsNoTracking().Include(a => a.Capture).Where(a => members.Contains(a.MemberId)).ToListAsync();
            saved.Should().HaveCount(2).And.OnlyContain(a => a.FieldKitId != null && a.Capture!.HasMedia);
            saved.Select(a => DateOnly.FromDateTime(a.SubmittedAt.AddHours(7))).Should().AllBeEquivalentTo(today);
        }

        // The receipt goes back and the laptop wipes both captures.
        await laptop.GetByTestId("field-receipt-file").SetInputFilesAsync(new FilePayload { Name = receiptDownload.SuggestedFilename, MimeType = "application/json", Buffer = receipt });
        await Expect(laptop.GetByTestId("field-receipt-result")).ToBeVisibleAsync();
        await Expect(laptop.GetByTestId("field-returned")).ToHaveTextAsync("2");
        await Expect(laptop.GetByTestId("field-outstanding")).ToHaveTextAsync("0");
        await using (var field = laptopApp.Database.CreateContext(DataScope.System))
        {
            (await field.ApplicationCaptures.CountAsync(c => c.MediaDeletedAt == null)).Should().Be(0);
        }

        await laptop.Context.CloseAsync();
        await lead.Context.CloseAsync();
    }

    private static async Task ExpectAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .Should().BeEmpty(page.Url);
    }

    /// <summary>A browser context whose every request but the laptop's own is cut, at a station laptop's size.</summary>
    private async Task<IPage> OfflineLaptopAsync(Uri laptop)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = laptop.ToString(),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new() { Width = 1366, Height = 768 },
        });
        context.SetDefaultTimeout(20_000);
        await context.RouteAsync("**/*", route =>
            new Uri(route.Request.Url).Authority == laptop.Authority ? route.ContinueAsync() : route.AbortAsync("internetdisconnected"));
        return await context.NewPageAsync();
    }

    private async Task<string> StationFingerprintAsync()
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var communeCode = DemoPopulationGenerator.DefaultShapes[0].Code;
        var key = await db.FieldStationKeys.Where(k => db.Communes.Any(c => c.Id == k.CommuneId && c.Code == communeCode)).Select(k => k.PublicKey).SingleAsync();
        return PartyCardIntake.Core.Field.FieldEnvelope.Fingerprint(key);
    }
}
