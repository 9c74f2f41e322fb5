using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.MockRegistry;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The desk's file fallback judges the file as chosen, before the browser scales it to the stored size.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class DeskPhotoFileFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_file_below_600_by_800_is_refused_before_scaling_and_a_large_one_is_accepted()
    {
        var (memberId, idNumber, name) = await MemberAsync();
        var page = await browser.NewPageAsync();
        await OpenMemberAtDeskAsync(page, idNumber, name);
        await Expect(page.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Matched");
        await Pages.SignAsync(page);

        var small = await JpegAsync(page, 240, 320);
        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "anh-nho.jpg", MimeType = "image/jpeg", Buffer = small });
        var status = page.GetByTestId("photo-status");
        await Expect(status).ToHaveTextAsync("Ảnh quá nhỏ (240×320 điểm ảnh); cần tối thiểu 600×800. Chọn ảnh khác hoặc chụp bằng camera.");
        await Expect(status).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\brefused\\b"));
        await Expect(page.Locator("#photo-file")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("photo-preview")).ToBeHiddenAsync();

        // Nothing reaches the server: its draft holds the signature and no photo, and the save is refused for want of one.
        var draft = page.GetByTestId("draft-state");
        await Expect(draft).ToHaveAttributeAsync("data-signature", "kept");
        await Expect(draft).ToHaveAttributeAsync("data-photo", "none");
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("submit-error")).ToContainTextAsync("Chưa có ảnh chân dung");
        await Expect(draft).ToHaveAttributeAsync("data-photo", "none");
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            (await db.Applications.AnyAsync(a => a.MemberId == memberId)).Should().BeFalse();
        }

        var large = await JpegAsync(page, 900, 1200);
        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "anh-lon.jpg", MimeType = "image/jpeg", Buffer = large });
        await Expect(page.GetByTestId("photo-preview")).ToBeVisibleAsync();
        await Expect(status).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\brefused\\b"));
        await Expect(page.GetByTestId("draft-state")).ToHaveAttributeAsync("data-photo", "kept");
        await Expect(page.Locator("#photo-file")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(name);
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var application = await db.Applications.Include(a => a.Capture).SingleAsync(a => a.MemberId == memberId);
            PhotoValidator.Validate(application.Capture!.Photo, PhotoRules.Default).IsValid.Should().BeTrue();
            application.Capture.PhotoWidth.Should().BeGreaterThanOrEqualTo(600);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_file_keeps_the_photo_taken_before()
    {
        var (_, idNumber, name) = await MemberAsync();
        var page = await browser.NewPageAsync();
        await OpenMemberAtDeskAsync(page, idNumber, name);
        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "anh-lon.jpg", MimeType = "image/jpeg", Buffer = await JpegAsync(page, 900, 1200) });
        var preview = page.GetByTestId("photo-preview");
        await Expect(preview).ToBeVisibleAsync();
        var before = await preview.GetAttributeAsync("src");

        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "anh-nho.jpg", MimeType = "image/jpeg", Buffer = await JpegAsync(page, 240, 320) });
        await Expect(page.GetByTestId("photo-status")).ToContainTextAsync("Ảnh quá nhỏ");
        await Expect(preview).ToBeVisibleAsync();
        (await preview.GetAttributeAsync("src")).Should().Be(before);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// A JPEG drawn by the browser with enough detail to pass the server's size floor once scaled. The page's
    /// Content-Security-Policy does not govern a canvas created by the test.
    /// </summary>
    [Fact]
    public async Task A_camera_giving_fewer_pixels_than_the_rule_is_refused_instead_of_scaled_up()
    {
        var (_, idNumber, name) = await MemberAsync();
        var page = await browser.NewPageAsync();

        // A webcam of 640×480: its 3:4 portrait is 360×480, under 600×800.
        await page.AddInitScriptAsync("""
            (() => {
              const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
              navigator.mediaDevices.getUserMedia = (c) => original({ video: { width: { exact: 640 }, height: { exact: 480 } }, audio: false });
            })();
            """);
        await OpenMemberAtDeskAsync(page, idNumber, name);
        var capture = page.Locator("#photo-capture");
        await Expect(capture).ToBeEnabledAsync();
        await capture.ClickAsync();

        await Expect(page.GetByTestId("photo-status")).ToHaveTextAsync("Camera chỉ cho ảnh chân dung 360×480 điểm ảnh; cần tối thiểu 600×800. Dùng camera khác hoặc chọn tệp ảnh.");
        await Expect(page.GetByTestId("photo-preview")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    private static async Task<byte[]> JpegAsync(IPage page, int width, int height)
    {
        var base64 = await page.EvaluateAsync<string>(
            """
            ([width, height]) => {
              const canvas = document.createElement("canvas");
              canvas.width = width;
              canvas.height = height;
              const context = canvas.getContext("2d");
              const gradient = context.createLinearGradient(0, 0, width, height);
              gradient.addColorStop(0, "#dfe7f2");
              gradient.addColorStop(1, "#8aa1c1");
              context.fillStyle = gradient;
              context.fillRect(0, 0, width, height);
              let seed = 7;
              const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
              for (let i = 0; i < 3000; i++) {
                context.fillStyle = `hsl(${Math.floor(next() * 360)}, 50%, ${30 + Math.floor(next() * 50)}%)`;
                context.fillRect(next() * width, next() * height, 2 + next() * 14, 2 + next() * 14);
              }
              return canvas.toDataURL("image/jpeg", 0.92).split(",")[1];
            }
            """,
            new[] { width, height });
        return Convert.FromBase64String(base64);
    }

    private static async Task OpenMemberAtDeskAsync(IPage page, string idNumber, string name)
    {
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Pages.OpenDeskAsync(page);
        await Pages.OpenMemberAtDeskAsync(page, idNumber, name);
    }

    private async Task<(int Id, string IdNumber, string Name)> MemberAsync()
    {
        var population = browser.App.Services.GetRequiredService<SyntheticPopulation>();
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var members = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber, m.FullName })
            .ToListAsync();
        lock (browser.TakenMembers)
        {
            var m = members.First(m => population.DiscrepancyOf(m.IdNumber.Value) == Discrepancy.None && browser.TakenMembers.Add(m.Id));
            return (m.Id, m.IdNumber.Value, m.FullName);
        }
    }
}
