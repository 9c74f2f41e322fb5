using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.MockRegistry;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>An officer at the desk, from sign-in to a saved record, with Chromium's fake camera.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class DeskFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_officer_checks_captures_and_submits_a_member()
    {
        var (memberId, idNumber, name) = await MemberAsync(Discrepancy.None);
        var page = await browser.NewPageAsync();
        // Camera, signature pad and the desk's script module must all work under the Content-Security-Policy; Chromium reports any block on the console.
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await OpenMemberAtDeskAsync(page, idNumber, name);

        var outcome = page.GetByTestId("registry-outcome");
        await Expect(outcome).ToHaveAttributeAsync("data-outcome", "Matched");
        await Expect(page.GetByTestId("registry-table")).ToContainTextAsync(name);

        await Pages.CaptureAndSignAsync(page);
        await page.GetByTestId("submit").ClickAsync();

        await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(name);
        await Expect(page).ToHaveURLAsync(new Regex("/desk$"));
        await Expect(page.Locator("#desk-search")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("today")).ToContainTextAsync(name);
        violations.Should().BeEmpty();

        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var application = await db.Applications.Include(a => a.Capture).SingleAsync(a => a.MemberId == memberId);
        application.Verification.Should().Be(VerificationStatus.Matched);
        PhotoValidator.Validate(application.Capture!.Photo, PhotoRules.Default).IsValid.Should().BeTrue();
        application.Capture.PhotoWidth.Should().BeGreaterThanOrEqualTo(600);
        (application.Capture.PhotoHeight * 3).Should().Be(application.Capture.PhotoWidth * 4);
        SignatureValidator.Validate(application.Capture.Signature, application.Capture.SignatureStrokes, SignatureRules.Default).IsValid.Should().BeTrue();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task During_a_registry_outage_the_record_is_saved_pending_and_resolves_later()
    {
        var (memberId, idNumber, name) = await MemberAsync(Discrepancy.None);
        var faults = browser.App.Services.GetRequiredService<FaultSwitch>();
        var page = await browser.NewPageAsync();
        faults.Set(new RegistryFaults { Outage = true });
        try
        {
            await OpenMemberAtDeskAsync(page, idNumber, name);
            await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Unavailable", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("saving-as")).ToHaveAttributeAsync("data-verification", "Pending");

            await Pages.CaptureAndSignAsync(page);
            await page.GetByTestId("submit").ClickAsync();
            await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(name);
            var row = page.GetByTestId("today").Locator("li", new() { HasText = name });
            await Expect(row.GetByTestId("verification")).ToHaveAttributeAsync("data-status", "Pending");
        }
        finally
        {
            faults.Reset();
        }

        // The background worker retries on its own; the officer sees the status change on the desk, without reloading it.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        VerificationStatus status;
        do
        {
            await Task.Delay(500);
            await using var db = browser.App.Database.CreateContext(DataScope.System);
            status = (await db.Applications.SingleAsync(a => a.MemberId == memberId)).Verification;
        }
        while (status == VerificationStatus.Pending && DateTime.UtcNow < deadline);
        status.Should().Be(VerificationStatus.Matched);

        var resolved = page.GetByTestId("today").Locator("li", new() { HasText = name });
        await Expect(resolved.GetByTestId("verification")).ToHaveAttributeAsync("data-status", "Matched");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Submitting_without_a_signature_explains_what_is_missing()
    {
        var (memberId, idNumber, name) = await MemberAsync(Discrepancy.YearOnly);
        var page = await browser.NewPageAsync();
        await OpenMemberAtDeskAsync(page, idNumber, name);
        await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Matched");
        await Expect(page.Locator("tr[data-field=DateOfBirth]")).ToHaveAttributeAsync("data-severity", "Warning");

        await Expect(page.Locator("#photo-capture")).ToBeEnabledAsync();
        await page.Locator("#photo-capture").ClickAsync();
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("submit-error")).ToContainTextAsync("Chưa có chữ ký");

        await using var db = browser.App.Database.CreateContext(DataScope.System);
        (await db.Applications.AnyAsync(a => a.MemberId == memberId)).Should().BeFalse();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_name_that_differs_by_one_tone_shows_that_letter_marked_on_each_side()
    {
        var (memberId, idNumber, name) = await MemberAsync(Discrepancy.NameDiacritic);
        var registryName = browser.App.Services.GetRequiredService<SyntheticPopulation>().Find(idNumber)!.FullName;

        // Worked out here letter by letter, independently of the diff the page uses.
        var party = Letters(name);
        var registry = Letters(registryName);
        party.Should().HaveSameCount(registry);
        var differing = Enumerable.Range(0, party.Length).Where(i => party[i] != registry[i]).Should().ContainSingle().Subject;

        var page = await browser.NewPageAsync();
        await OpenMemberAtDeskAsync(page, idNumber, name);
        await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Mismatched");
        var row = page.Locator("tr[data-field=FullName]");
        await Expect(row).ToHaveAttributeAsync("data-severity", "Mismatch");
        await Expect(row.GetByTestId("severity")).ToHaveTextAsync("Sai lệch");

        var partyMarks = row.Locator("td").Nth(0).GetByTestId("diff-char");
        var registryMarks = row.Locator("td").Nth(1).GetByTestId("diff-char");
        await Expect(partyMarks).ToHaveCountAsync(1);
        await Expect(partyMarks).ToHaveTextAsync(party[differing]);
        await Expect(registryMarks).ToHaveCountAsync(1);
        await Expect(registryMarks).ToHaveTextAsync(registry[differing]);
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(name);
        await Expect(page.Locator("tr:not([data-field=FullName]) [data-testid=diff-char]")).ToHaveCountAsync(0);

        // The member page shows the same check with the same marks, and they keep the page readable for everyone.
        await page.GotoAsync($"/members/{memberId}");
        await Pages.WaitForInteractiveAsync(page);
        var memberRow = page.Locator("tr[data-field=FullName]");
        await Expect(memberRow.Locator("td").Nth(0).GetByTestId("diff-char")).ToHaveTextAsync(party[differing]);
        await Expect(memberRow.Locator("td").Nth(1).GetByTestId("diff-char")).ToHaveTextAsync(registry[differing]);
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        serious.Should().BeEmpty();
        await page.Context.CloseAsync();

        static string[] Letters(string value)
        {
            var nfc = value.Normalize(System.Text.NormalizationForm.FormC);
            var letters = new List<string>();
            var e = System.Globalization.StringInfo.GetTextElementEnumerator(nfc);
            while (e.MoveNext())
            {
                letters.Add(e.GetTextElement());
            }

            return [.. letters];
        }
    }

    private static async Task OpenMemberAtDeskAsync(IPage page, string idNumber, string name)
    {
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Pages.OpenDeskAsync(page, fromMenu: true);
        await Pages.OpenMemberAtDeskAsync(page, idNumber, name);
    }

    private async Task<(int Id, string IdNumber, string Name)> MemberAsync(Discrepancy discrepancy)
    {
        var population = browser.App.Services.GetRequiredService<SyntheticPopulation>();
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var members = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber, m.FullName, m.BirthDate })
            .ToListAsync();
        lock (browser.TakenMembers)
        {
            var m = members.First(m => population.DiscrepancyOf(m.IdNumber.Value) == discrepancy
                && (discrepancy != Discrepancy.YearOnly || m.BirthDate != null)
                && browser.TakenMembers.Add(m.Id));
            return (m.Id, m.IdNumber.Value, m.FullName);
        }
    }
}
