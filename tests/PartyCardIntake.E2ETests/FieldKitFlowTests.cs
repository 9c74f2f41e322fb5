using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// The station's half of a field trip in the browser: the lead makes a kit and downloads it, a laptop (played from
/// the file formats) captures two members, the lead imports the package and both records appear in the day's report.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class FieldKitFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_lead_makes_a_kit_imports_its_package_and_the_captures_count_in_the_days_report()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var members = new[] { await FieldTrip.MemberWithVisitAsync(browser, today), await FieldTrip.MemberWithVisitAsync(browser, today) };

        var lead = await browser.NewPageAsync();
        await Pages.SignInAsync(lead, DemoAccounts.Lead);
        var receivedBefore = await FieldTrip.ReceivedTodayAsync(lead);

        // The kit: officer and dates, the count before making, the passphrase shown once, the file downloaded.
        await lead.GotoAsync("/home-visits");
        await Pages.WaitForInteractiveAsync(lead);
        await lead.GetByTestId("hv-field-kits").ClickAsync();
        await Pages.WaitForInteractiveAsync(lead);
        await Pages.ChooseAsync(lead, "fk-officer", "Cán bộ tiếp nhận (demo)");
        await Pages.TypeDateAsync(lead.Locator("#fk-from"), today.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await lead.GetByTestId("fk-make").ClickAsync();
        await Expect(Pages.FieldMessage(lead, "fk-from")).ToContainTextAsync("không được trước hôm nay");
        await Pages.TypeDateAsync(lead.Locator("#fk-from"), today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Pages.TypeDateAsync(lead.Locator("#fk-to"), today.AddDays(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Expect(lead.GetByTestId("fk-preview")).ToBeVisibleAsync();
        await lead.GetByTestId("fk-make").ClickAsync();
        var passphrase = (await lead.GetByTestId("fk-passphrase").TextContentAsync())!.Trim();
        var download = await lead.RunAndWaitForDownloadAsync(() => lead.GetByTestId("fk-download").ClickAsync());
        download.SuggestedFilename.Should().MatchRegex(@"^bo-du-lieu-.+-demo\.officer-[0-9]{8}\.pcikit$");
        var kitFile = await File.ReadAllBytesAsync((await download.PathAsync())!);

        // The laptop's part.
        var laptop = FieldLaptop.Open(kitFile, passphrase);
        laptop.Kit.Members.Select(m => m.Id).Should().Contain(members);
        var package = laptop.Package(members.Select(m => laptop.Capture(m, DateTime.UtcNow)).ToList());

        // The import page: counts, a receipt the laptop accepts.
        await lead.GotoAsync("/home-visits/packages");
        await Pages.WaitForInteractiveAsync(lead);
        await lead.GetByTestId("fp-file").SetInputFilesAsync(new FilePayload { Name = "goi.pcipkg", MimeType = "application/octet-stream", Buffer = package });
        var result = lead.GetByTestId("fp-result");
        await Expect(result).ToHaveAttributeAsync("data-added", "2");
        var receipt = await lead.RunAndWaitForDownloadAsync(() => lead.GetByTestId("fp-receipt").ClickAsync());
        laptop.Receipt(await File.ReadAllBytesAsync((await receipt.PathAsync())!)).Items.Should().HaveCount(2).And.OnlyContain(i => i.Outcome == FieldReceiptOutcome.Added);

        // Again: nothing added.
        await lead.GetByTestId("fp-file").SetInputFilesAsync(new FilePayload { Name = "goi.pcipkg", MimeType = "application/octet-stream", Buffer = package });
        await Expect(result).ToHaveAttributeAsync("data-added", "2", new() { Timeout = 10_000 });

        (await FieldTrip.ReceivedTodayAsync(lead)).Should().Be(receivedBefore + 2);
        await lead.Context.CloseAsync();
    }
}
