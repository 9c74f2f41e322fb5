using System.Globalization;
using System.Text;
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

/// <summary>
/// One member's whole cycle at the interactive desk, as an officer works it on a station laptop (1366×768): station,
/// search, member, registry, photo, signature, save — on one screen, by mouse or by keyboard, with a refused file,
/// with the registry down, and with the search's Vietnamese order.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class DeskCycleFlowTests(BrowserFixture browser)
{
    private const int LaptopWidth = 1366;
    private const int LaptopHeight = 768;

    [Fact]
    public async Task The_whole_cycle_fits_a_laptop_screen_and_saves_one_record()
    {
        var member = await FreeMemberAsync(uniqueFoldedName: true);
        var page = await LaptopPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Officer);

        // The station is chosen first; the desk then opens on it.
        await page.GotoAsync("/desk");
        await Expect(page.GetByTestId("station-form")).ToBeVisibleAsync();
        var option = page.Locator("#station option").First;
        var (value, label) = (await option.GetAttributeAsync("value"), (await option.TextContentAsync())!.Trim());
        await page.Locator("#station").SelectOptionAsync(value!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu làm việc" }).ClickAsync();
        await Expect(page.GetByTestId("desk-station")).ToContainTextAsync(label.Split(" — ")[^1]);
        await Pages.WaitForInteractiveAsync(page);

        // By name, typed without diacritics.
        await page.Locator("#desk-search").FillAsync(Fold(member.Name));
        var result = page.Locator($"a.desk-result[data-member-id='{member.Id}']");
        await Expect(result.Locator(".desk-result-name")).ToHaveTextAsync(member.Name);
        await result.ClickAsync();
        await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(member.Name);
        await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Matched");
        await Expect(page.Locator("#photo-capture")).ToBeEnabledAsync();
        await ShouldFitAsync(page, page.Locator("#photo-capture"), "the capture button");

        await page.Locator("#photo-capture").ClickAsync();
        await Expect(page.GetByTestId("photo-preview")).ToBeVisibleAsync();
        await Pages.SignAsync(page);
        await Expect(page.GetByTestId("draft-state")).ToHaveAttributeAsync("data-signature", "kept");

        // Everything of the cycle is on screen without scrolling, and nothing has been scrolled to reach it.
        await ShouldFitAsync(page, page.GetByTestId("desk-member-name"), "the member's name");
        await ShouldFitAsync(page, page.GetByTestId("registry-outcome"), "the registry outcome");
        await ShouldFitAsync(page, page.Locator(".camera-frame"), "the camera frame");
        await ShouldFitAsync(page, page.Locator("#photo-retake"), "the retake button");
        await ShouldFitAsync(page, page.GetByTestId("signature-pad"), "the signature pad");
        await ShouldFitAsync(page, page.GetByTestId("submit"), "the save button");
        var scrolled = await page.EvaluateAsync<double[]>(
            "() => [window.scrollX, window.scrollY, document.scrollingElement.scrollTop, document.querySelector('.desk-work').scrollTop, document.querySelector('.desk-work').scrollLeft]");
        scrolled.Should().OnlyContain(v => v == 0, "neither the document nor the work area may need scrolling at 1366×768");

        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(member.Name);
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        (await db.Applications.CountAsync(a => a.MemberId == member.Id)).Should().Be(1);
        (await db.AuditEntries.CountAsync(e => e.MemberId == member.Id && e.Action == AuditAction.Change)).Should().Be(1, "the save in the circuit is audited as the HTTP route's is");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_officer_goes_through_the_cycle_by_keyboard_with_only_the_pen_in_hand()
    {
        var member = await FreeMemberAsync();
        var page = await LaptopPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Pages.OpenDeskAsync(page);
        var search = page.Locator("#desk-search");
        await Expect(search).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync(member.IdNumber);
        var first = page.Locator("a.desk-result").First;
        await Expect(first).ToHaveAttributeAsync("data-member-id", member.Id.ToString(CultureInfo.InvariantCulture));

        // Tab reaches the results; back in the box, Enter opens the first.
        await page.Keyboard.PressAsync("Tab");
        await Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(search).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(member.Name);

        var capture = page.Locator("#photo-capture");
        var preview = page.GetByTestId("photo-preview");
        var camera = page.Locator("#camera");
        await Expect(capture).ToBeFocusedAsync();
        await Expect(capture).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(preview).ToBeVisibleAsync();
        await Expect(camera).ToBeHiddenAsync();
        await Expect(page.GetByTestId("signature-pad")).ToBeFocusedAsync();

        // R takes the photo again: the camera comes back with the capture button focused, and Enter takes it.
        await page.Keyboard.PressAsync("r");
        await Expect(preview).ToBeHiddenAsync();
        await Expect(camera).ToBeVisibleAsync();
        await Expect(capture).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(preview).ToBeVisibleAsync();
        await Expect(camera).ToBeHiddenAsync();

        await Pages.SignAsync(page);

        // The pad keeps no focus to itself.
        await page.GetByTestId("signature-pad").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("signature-pad")).Not.ToBeFocusedAsync();
        await Expect(page.Locator("#signature-clear")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(member.Name);
        await Expect(search).ToBeFocusedAsync();
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        (await db.Applications.CountAsync(a => a.MemberId == member.Id)).Should().Be(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_low_resolution_file_is_refused_with_its_size_and_nothing_is_saved()
    {
        var member = await FreeMemberAsync();
        var page = await LaptopPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Pages.OpenDeskAsync(page);
        await Pages.OpenMemberAtDeskAsync(page, member.IdNumber, member.Name);
        await Pages.SignAsync(page);

        var png = await PngAsync(page, 240, 320);
        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "anh-nho.png", MimeType = "image/png", Buffer = png });
        var status = page.Locator("#photo-status");
        await Expect(status).ToHaveTextAsync("Ảnh quá nhỏ (240×320 điểm ảnh); cần tối thiểu 600×800. Chọn ảnh khác hoặc chụp bằng camera.");
        await Expect(status).ToHaveClassAsync(new Regex("\\brefused\\b"));
        await Expect(page.GetByTestId("photo-preview")).ToBeHiddenAsync();

        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("submit-error")).ToHaveTextAsync("Chưa có ảnh chân dung. Chụp ảnh hoặc chọn tệp ảnh trước khi lưu.");
        await Expect(page.GetByTestId("draft-state")).ToHaveAttributeAsync("data-photo", "none");
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        (await db.Applications.AnyAsync(a => a.MemberId == member.Id)).Should().BeFalse();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_the_registry_down_the_desk_says_what_a_save_records_and_saves_that()
    {
        var withoutCheck = await FreeMemberAsync();
        var checkedBefore = await FreeMemberAsync();
        var admin = await browser.NewPageAsync();
        await Pages.SignInAsync(admin, DemoAccounts.Admin);
        var page = await LaptopPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Pages.OpenDeskAsync(page);

        // Checked while the registry answers; the officer then leaves the member.
        await Pages.OpenMemberAtDeskAsync(page, checkedBefore.IdNumber, checkedBefore.Name);
        await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Matched");
        await Expect(page.GetByTestId("saving-as")).ToHaveAttributeAsync("data-verification", "Matched");
        await Pages.OpenDeskAsync(page);

        try
        {
            await SwitchRegistryAsync(admin, outage: true);

            // No recent check: the record is saved pending, as the desk says.
            await Pages.OpenMemberAtDeskAsync(page, withoutCheck.IdNumber, withoutCheck.Name);
            await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Unavailable");
            var savingAs = page.GetByTestId("saving-as");
            await Expect(savingAs).ToHaveAttributeAsync("data-verification", "Pending");
            await Expect(savingAs).ToContainTextAsync("trạng thái chờ đối chiếu");
            await Expect(page.GetByTestId("registry-retry")).ToBeVisibleAsync();
            await Pages.CaptureAndSignAsync(page);
            await page.GetByTestId("submit").ClickAsync();
            await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(withoutCheck.Name);
            (await VerificationOfAsync(withoutCheck.Id)).Should().Be(VerificationStatus.Pending);

            // Checked minutes ago: the desk names that check's result and time, and the record is saved with it.
            DateTime checkedAt;
            await using (var db = browser.App.Database.CreateContext(DataScope.System))
            {
                checkedAt = await db.RegistryChecks.Where(c => c.MemberId == checkedBefore.Id && c.Outcome == CheckOutcome.Matched).Select(c => c.CheckedAt).SingleAsync();
            }

            var time = PartyCardIntake.Web.Hosting.VietnamTime.ToLocal(checkedAt).ToString("HH:mm", CultureInfo.InvariantCulture);
            await Pages.OpenMemberAtDeskAsync(page, checkedBefore.IdNumber, checkedBefore.Name);
            await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Unavailable");
            await Expect(savingAs).ToHaveAttributeAsync("data-verification", "Matched");
            await Expect(savingAs).ToContainTextAsync($"“Khớp” theo lần đối chiếu lúc {time}");
            await Pages.CaptureAndSignAsync(page);
            await page.GetByTestId("submit").ClickAsync();
            await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(checkedBefore.Name);
            (await VerificationOfAsync(checkedBefore.Id)).Should().Be(VerificationStatus.Matched);

            await SwitchRegistryAsync(admin, outage: false);
        }
        finally
        {
            browser.App.Services.GetRequiredService<FaultSwitch>().Reset();
        }

        await page.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Results_come_in_vietnamese_order_given_name_first_and_d_before_dd()
    {
        // A family name of its own, with middle names and folded letters that would give another order.
        string[] names = ["Ngạc Văn Đông", "Ngạc Thị Dương", "Ngạc Văn Dung", "Ngạc Thị Đào", "Ngạc Văn Cường"];
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var commune = await db.Communes.Where(c => c.Code == DemoPopulationGenerator.DefaultShapes[0].Code).Select(c => c.Id).SingleAsync();
            if (!await db.PartyMembers.AnyAsync(m => m.FullName == names[0]))
            {
                var cell = await db.PartyCells.Where(c => c.CommuneId == commune).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
                db.PartyMembers.AddRange(names.Select((name, i) =>
                    PartyMember.Create(commune, cell, PersonalIdNumber.Create("096", Sex.Female, 1960 + i, 987_710 + i), name, Sex.Female, 1960 + i, null, DateTime.UtcNow)));
                await db.SaveChangesAsync();
            }
        }

        var page = await LaptopPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Pages.OpenDeskAsync(page);
        await page.Locator("#desk-search").FillAsync("ngac");
        await Expect(page.GetByTestId("desk-results").Locator(".desk-result-name"))
            .ToHaveTextAsync(["Ngạc Văn Cường", "Ngạc Văn Dung", "Ngạc Thị Dương", "Ngạc Thị Đào", "Ngạc Văn Đông"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_desk_and_a_members_capture_have_no_accessibility_violation()
    {
        var member = await FreeMemberAsync();
        var page = await LaptopPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Pages.OpenDeskAsync(page);
        (await ViolationsAsync(page)).Should().BeEmpty("/desk");

        await page.GotoAsync($"/desk/members/{member.Id}");
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Matched");
        await Expect(page.GetByTestId("submit")).ToBeEnabledAsync();

        // The save button fades from its disabled colours when it becomes enabled: measured mid-way, its contrast is not its own.
        await page.WaitForFunctionAsync("() => document.querySelector('#submit').getAnimations({ subtree: true }).length === 0");
        (await ViolationsAsync(page)).Should().BeEmpty("/desk/members/{0}", member.Id);
        await page.Context.CloseAsync();
    }

    private static async Task<List<string>> ViolationsAsync(IPage page) =>
        (await page.RunAxe()).Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();

    private async Task<IPage> LaptopPageAsync()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(LaptopWidth, LaptopHeight);
        return page;
    }

    /// <summary>The whole element inside the viewport: seen without scrolling (half a pixel allowed for rounding).</summary>
    private static async Task ShouldFitAsync(IPage page, ILocator element, string what)
    {
        await Expect(element).ToBeVisibleAsync();
        var box = (await element.BoundingBoxAsync())!;
        var view = page.ViewportSize!;
        (box.X >= -0.5 && box.Y >= -0.5 && box.X + box.Width <= view.Width + 0.5 && box.Y + box.Height <= view.Height + 0.5)
            .Should().BeTrue("{0} ({1:0}, {2:0}, {3:0}×{4:0}) must lie within the {5}×{6} screen", what, box.X, box.Y, box.Width, box.Height, view.Width, view.Height);
    }

    /// <summary>Switches the built-in registry's outage on or off as its administrator does, over its JSON switch.</summary>
    private static async Task SwitchRegistryAsync(IPage admin, bool outage)
    {
        var response = outage
            ? await admin.APIRequest.PutAsync("/mock-registry/admin/faults", new() { DataObject = new { outage = true } })
            : await admin.APIRequest.DeleteAsync("/mock-registry/admin/faults");
        response.Ok.Should().BeTrue("the administrator may switch the demo registry ({0})", response.Status);
    }

    private async Task<VerificationStatus> VerificationOfAsync(int memberId)
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        return await db.Applications.Where(a => a.MemberId == memberId).Select(a => a.Verification).SingleAsync();
    }

    /// <summary>A PNG drawn by the browser (a test's own canvas is outside the page's Content-Security-Policy).</summary>
    private static async Task<byte[]> PngAsync(IPage page, int width, int height)
    {
        var base64 = await page.EvaluateAsync<string>(
            """
            ([width, height]) => {
              const canvas = document.createElement("canvas");
              canvas.width = width;
              canvas.height = height;
              const context = canvas.getContext("2d");
              context.fillStyle = "#8aa1c1";
              context.fillRect(0, 0, width, height);
              context.fillStyle = "#dfe7f2";
              context.beginPath();
              context.ellipse(width / 2, height * 0.4, width * 0.3, height * 0.25, 0, 0, Math.PI * 2);
              context.fill();
              return canvas.toDataURL("image/png").split(",")[1];
            }
            """,
            new[] { width, height });
        return Convert.FromBase64String(base64);
    }

    private sealed record FreeMember(int Id, string IdNumber, string Name);

    /// <summary>
    /// A member of the first commune whose registry record matches, with no record yet, not used by another test;
    /// with <paramref name="uniqueFoldedName"/>, one whose name without diacritics finds no more than a few members.
    /// </summary>
    private async Task<FreeMember> FreeMemberAsync(bool uniqueFoldedName = false)
    {
        var population = browser.App.Services.GetRequiredService<SyntheticPopulation>();
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var members = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune)
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber, m.FullName, m.Exemption, Captured = db.Applications.Any(a => a.MemberId == m.Id) })
            .ToListAsync();
        var folded = members.Select(m => Fold(m.FullName)).ToList();
        lock (browser.TakenMembers)
        {
            var m = members.First(m => !m.Captured && m.Exemption == null
                && population.DiscrepancyOf(m.IdNumber.Value) == Discrepancy.None
                && (!uniqueFoldedName || folded.Count(f => f.Contains(Fold(m.FullName), StringComparison.Ordinal)) == 1)
                && browser.TakenMembers.Add(m.Id));
            return new FreeMember(m.Id, m.IdNumber.Value, m.FullName);
        }
    }

    /// <summary>A name as typed without diacritics: đ as d, tones and marks dropped, lower case.</summary>
    private static string Fold(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }
}
