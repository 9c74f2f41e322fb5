using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// The lead's review of a mismatch with a re-check against the (mock) registry, then approval through the confirmation
/// dialog; and axe-core on both review pages.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class ReviewRecheckFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Review_of_a_mismatch_with_recheck_the_outcome_stays_and_approval_asks_first()
    {
        // Recorded as a mismatch without the check's details, as records from before details were kept.
        var (id, name) = await MismatchedRecordAsync(Discrepancy.NameDiacritic);
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await page.GotoAsync($"/review/{id}");
        await Pages.WaitForInteractiveAsync(page);

        await Expect(page.GetByTestId("review-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("verification")).ToHaveAttributeAsync("data-status", "Mismatched");
        await Expect(page.GetByTestId("registry-outcome")).ToContainTextAsync("Có thông tin sai lệch.");
        await ExpectViewsAsync(id, 1);

        await page.GetByTestId("recheck").ClickAsync();
        await Expect(page.GetByTestId("recheck-result")).ToContainTextAsync("kết quả không đổi (Sai lệch)");
        await Expect(page.GetByTestId("verification")).ToHaveAttributeAsync("data-status", "Mismatched");
        await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Mismatched");
        await Expect(page.Locator("[data-testid=registry-table] tr[data-field=FullName]")).ToHaveAttributeAsync("data-severity", "Mismatch");

        // Cancelling the confirmation leaves the record as it was.
        await page.GetByTestId("approve").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Họ và tên");
        await Expect(dialog).ToContainTextAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Hủy" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("review-state")).ToHaveAttributeAsync("data-state", "Submitted");
        (await StateAsync(id)).Should().Be(ApplicationState.Submitted);

        await page.GetByTestId("approve").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Vẫn duyệt" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã duyệt hồ sơ.");
        await Expect(page).ToHaveURLAsync(new Regex("/review$"));

        await page.GetByTestId("review-tab-Approved").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tab=Approved"));
        await Expect(page.Locator($"[data-application-id='{id}']")).ToContainTextAsync(name);
        (await StateAsync(id)).Should().Be(ApplicationState.Approved);

        // Opened again from the list, inside the circuit (no request the audit middleware sees): a second view entry.
        await page.Locator($"[data-application-id='{id}']").GetByTestId("review-open").ClickAsync();
        await Expect(page.GetByTestId("review-state")).ToHaveAttributeAsync("data-state", "Approved");
        await ExpectViewsAsync(id, 2);
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            (await db.RegistryChecks.CountAsync(c => c.ApplicationId == id && c.Source == CheckSource.Recheck)).Should().Be(1);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_recheck_that_now_matches_changes_the_verdict_and_approval_needs_no_confirmation()
    {
        var (id, name) = await MismatchedRecordAsync(Discrepancy.None);
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await page.GotoAsync($"/review/{id}");
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("verification")).ToHaveAttributeAsync("data-status", "Mismatched");

        await page.GetByTestId("recheck").ClickAsync();

        await Expect(page.GetByTestId("recheck-result")).ToContainTextAsync("Sai lệch → Khớp");
        await Expect(page.GetByTestId("verification")).ToHaveAttributeAsync("data-status", "Matched");
        await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Matched");
        await page.GetByTestId("approve").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã duyệt hồ sơ.");
        (await StateAsync(id)).Should().Be(ApplicationState.Approved);
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        _ = name;
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Malformed_query_values_show_the_list_with_a_message_and_an_unknown_record_the_not_found_page()
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        foreach (var path in new[] { "/review?count=x", "/review?page=abc" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(200, path);
            await Expect(page.GetByTestId("review-bad-query")).ToBeVisibleAsync();
        }

        var missing = await page.GotoAsync($"/review/{Guid.NewGuid()}");
        missing!.Status.Should().Be(404);
        await Expect(page.GetByTestId("review-name")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/review")]
    [InlineData("/review/{record}")]
    public async Task The_review_pages_have_no_serious_accessibility_violation(string path)
    {
        var (id, _) = await MismatchedRecordAsync(Discrepancy.NameDiacritic);
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"));
        await page.GotoAsync(path.Replace("{record}", id.ToString(), StringComparison.Ordinal));
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        await Pages.WaitForInteractiveAsync(page);

        var results = await page.RunAxe();
        var serious = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        serious.Should().BeEmpty(path);
        await page.Context.CloseAsync();
    }

    /// <summary>Each view of a record is one audit entry, whether the page was loaded or reached inside the circuit.</summary>
    private async Task ExpectViewsAsync(Guid id, int expected)
    {
        var target = $"/review/{id}";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int views;
        do
        {
            await using var db = browser.App.Database.CreateContext(DataScope.System);
            views = await db.AuditEntries.CountAsync(e => e.Action == AuditAction.ViewRecord && e.Target!.Contains(target) && e.UserName == DemoAccounts.Lead);
            if (views >= expected)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        await Task.Delay(500);
        await using var check = browser.App.Database.CreateContext(DataScope.System);
        (await check.AuditEntries.CountAsync(e => e.Action == AuditAction.ViewRecord && e.Target!.Contains(target) && e.UserName == DemoAccounts.Lead))
            .Should().Be(expected, "one view, one entry");
    }

    private async Task<ApplicationState> StateAsync(Guid id)
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        return await db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync();
    }

    /// <summary>A submitted record with photo and signature whose verdict is a mismatch and whose check details were not kept.</summary>
    private async Task<(Guid Id, string Name)> MismatchedRecordAsync(Discrepancy discrepancy)
    {
        var population = browser.App.Services.GetRequiredService<SyntheticPopulation>();
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var candidates = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id)
                && !db.RegistryChecks.Any(c => c.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .ToListAsync();
        PartyMember member;
        lock (browser.TakenMembers)
        {
            member = candidates.First(m => population.DiscrepancyOf(m.IdNumber.Value) == discrepancy && browser.TakenMembers.Add(m.Id));
        }

        var now = DateTime.UtcNow;
        var photo = DeskClient.Fixture("photo-600x800.jpg");
        var signature = DeskClient.Fixture("signature-600x200.png");
        var capture = ApplicationCapture.Create(
            photo, 600, 800, Convert.ToHexStringLower(SHA256.HashData(photo)),
            signature, await File.ReadAllTextAsync(DeskClient.FixturePath("signature-600x200.json")), Convert.ToHexStringLower(SHA256.HashData(signature)), now);
        var application = Application.Submit(Guid.NewGuid(), member, null, null, "e2e-officer", now, capture: capture);
        application.ApplyCheck(CheckOutcome.Mismatched, false, now, TimeSpan.Zero);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return (application.Id, member.FullName);
    }
}
