using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The station lead's end of the day: approving a flagged record, then making and downloading the day's package.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class ReviewFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_lead_approves_a_flagged_record_and_downloads_the_days_package_whose_checksums_hold()
    {
        var (id, name) = await FlaggedRecordAsync();
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);

        await Pages.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Duyệt hồ sơ", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/review$"));
        await page.GotoAsync("/review?count=200");
        await Pages.WaitForInteractiveAsync(page);
        var row = page.Locator("tr", new() { Has = page.Locator($"[data-application-id='{id}']") });
        await Expect(row.Locator("[data-field=FullName]")).ToHaveAttributeAsync("data-severity", "Mismatch");
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page.GetByTestId("review-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Mismatched");
        await Expect(page.GetByTestId("review-photo")).ToBeVisibleAsync();
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByTestId("approve").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Họ và tên");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Vẫn duyệt" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã duyệt hồ sơ.");
        await Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await Expect(page.Locator($"[data-application-id='{id}']")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Gói truyền", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/transmission$"));
        await Pages.WaitForInteractiveAsync(page);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var create = page.GetByTestId("transmission-create");
        await Expect(create).ToHaveTextAsync($"Tạo gói truyền ngày {today:dd/MM/yyyy}");
        await Pages.WaitForInteractiveAsync(page);
        await create.ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync($"Gói ngày {today:dd/MM/yyyy}");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Tạo gói" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã tạo gói truyền" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("transmission-created")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("transmission-download").First.ClickAsync());
        download.SuggestedFilename.Should().MatchRegex($"^goi-truyen-[0-9]+-{today:yyyyMMdd}\\.zip$");
        var zip = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var files = Unzip(zip);
        files.Should().ContainKey($"photos/{id}.jpg").And.ContainKey($"signatures/{id}.png").And.ContainKey("manifest.json").And.ContainKey("manifest.csv");
        var sums = Encoding.UTF8.GetString(files["SHA256SUMS"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        sums.Should().HaveCount(files.Count - 1);
        foreach (var line in sums)
        {
            var match = Regex.Match(line, "^([0-9a-f]{64})  (.+)$");
            match.Success.Should().BeTrue(line);
            Convert.ToHexStringLower(SHA256.HashData(files[match.Groups[2].Value])).Should().Be(match.Groups[1].Value, match.Groups[2].Value);
        }

        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var record = await db.Applications.SingleAsync(a => a.Id == id);
        record.State.Should().Be(ApplicationState.Transmitted);
        var transmission = await db.Transmissions.SingleAsync(t => t.Id == record.TransmissionId);
        Convert.ToHexStringLower(SHA256.HashData(zip)).Should().Be(transmission.Sha256);
        await page.Context.CloseAsync();
    }

    /// <summary>A record as the desk leaves it for a member whose name differs from the registry's: checked for real, with photo and signature.</summary>
    private async Task<(Guid Id, string Name)> FlaggedRecordAsync()
    {
        var population = browser.App.Services.GetRequiredService<SyntheticPopulation>();
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var candidates = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .ToListAsync();
        PartyMember member;
        lock (browser.TakenMembers)
        {
            member = candidates.First(m => population.DiscrepancyOf(m.IdNumber.Value) == Discrepancy.NameDiacritic && browser.TakenMembers.Add(m.Id));
        }

        using var scope = browser.App.Services.CreateScope();
        var checks = scope.ServiceProvider.GetRequiredService<RegistryCheckService>();
        var now = DateTime.UtcNow;
        var result = await checks.CheckAsync(db, member, CheckSource.Desk, null);
        var photo = DeskClient.Fixture("photo-600x800.jpg");
        var signature = DeskClient.Fixture("signature-600x200.png");
        var capture = ApplicationCapture.Create(
            photo, 600, 800, Convert.ToHexStringLower(SHA256.HashData(photo)),
            signature, await File.ReadAllTextAsync(DeskClient.FixturePath("signature-600x200.json")), Convert.ToHexStringLower(SHA256.HashData(signature)), now);
        var application = Application.Submit(Guid.NewGuid(), member, null, null, "e2e-officer", now, capture: capture);
        application.ApplyCheck(result.Check.Outcome, result.Check.HasWarnings, now, TimeSpan.Zero);
        result.Check.ApplicationId = application.Id;
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        application.Verification.Should().Be(VerificationStatus.Mismatched);
        return (application.Id, member.FullName);
    }

    private static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }

        return files;
    }
}
