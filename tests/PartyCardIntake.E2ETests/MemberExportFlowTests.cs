using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>A member asks what is held about them: the committee finds the member and downloads the subject-access export.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class MemberExportFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_committee_opens_a_member_and_downloads_the_personal_data_export_naming_the_member()
    {
        var (memberId, idNumber, name, applicationId) = await MemberWithRecordAsync();
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Committee);

        await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
        await Pages.ClickMenuItemAsync(page, "nav-members");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members$"));
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByLabel("Tìm kiếm").FillAsync(idNumber);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=" + idNumber));
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("member-name")).ToHaveTextAsync(name);

        var export = page.GetByRole(AriaRole.Link, new() { Name = "Xuất dữ liệu cá nhân" });
        var download = await page.RunAndWaitForDownloadAsync(() => export.ClickAsync());

        download.SuggestedFilename.Should().MatchRegex($"^du-lieu-ca-nhan-{memberId}-[0-9]{{8}}\\.zip$");
        using var zip = ZipFile.OpenRead((await download.PathAsync())!);
        zip.Entries.Select(e => e.FullName).Should().Contain(["README.txt", "member.json", "applications.json", "audit.json", $"photos/{applicationId}.jpg"]);
        using var member = await JsonDocument.ParseAsync(zip.GetEntry("member.json")!.Open());
        member.RootElement.GetProperty("full_name").GetString().Should().Be(name);
        member.RootElement.GetProperty("id_number").GetString().Should().Be(idNumber);
        await page.Context.CloseAsync();
    }

    /// <summary>A member of the first demo commune whose record the demo desks captured, photo included.</summary>
    private async Task<(int Id, string IdNumber, string Name, Guid ApplicationId)> MemberWithRecordAsync()
    {
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var row = await db.Applications
            .Where(a => a.Member!.Commune!.Code == firstCommune && a.Capture != null && a.Capture.MediaDeletedAt == null)
            .OrderBy(a => a.SubmittedAt)
            .Select(a => new { a.MemberId, a.Member!.IdNumber, a.Member.FullName, a.Id })
            .FirstAsync();
        return (row.MemberId, row.IdNumber.Value, row.FullName, row.Id);
    }
}
