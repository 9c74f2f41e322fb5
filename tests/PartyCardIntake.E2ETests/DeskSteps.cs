using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>What an officer does at the interactive desk, and what the tests read of it in the database.</summary>
internal static class DeskSteps
{
    /// <summary>A browser context like <see cref="BrowserFixture.NewPageAsync"/>'s, at any address (a node of a test's own).</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, Uri address, int timeout = 20_000)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = address.ToString(),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(timeout);
        await WatchLinkAsync(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Notes, in the tab's sessionStorage (which outlives a reload), every page load and every state the reconnection
    /// dialog goes through, so that a test can tell what the link did: <see cref="LinkLogAsync"/>.
    /// </summary>
    public static Task WatchLinkAsync(IBrowserContext context) => context.AddInitScriptAsync("""
        (() => {
          const note = (state) => {
            try {
              const log = JSON.parse(sessionStorage.getItem('link-log') || '[]');
              log.push({ at: Date.now(), state, path: location.pathname });
              sessionStorage.setItem('link-log', JSON.stringify(log));
            } catch { }
          };
          document.addEventListener('DOMContentLoaded', () => {
            note('load');
            document.getElementById('components-reconnect-modal')
              ?.addEventListener('components-reconnect-state-changed', (e) => note(e.detail?.state ?? '?'));
          });
        })();
        """);

    /// <summary>The states noted by <see cref="WatchLinkAsync"/>, oldest first ("load", "show", "retrying", "hide", "rejected"...).</summary>
    public static async Task<IReadOnlyList<string>> LinkLogAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => JSON.parse(sessionStorage.getItem('link-log') || '[]').map(e => e.state)");

    /// <summary>Chooses the station on the static page (the first offered, or the one whose label is given) and waits for the interactive desk.</summary>
    public static async Task ChooseStationAsync(IPage page, string? label = null)
    {
        await page.GotoAsync("/desk/station");
        var form = page.GetByTestId("station-form");
        await Expect(form).ToBeVisibleAsync();
        if (label is not null)
        {
            await page.Locator("#station").SelectOptionAsync(new SelectOptionValue { Label = label });
        }

        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("desk-station")).ToBeVisibleAsync();
        await Pages.WaitForInteractiveAsync(page);
    }

    /// <summary>Finds the member by ID number in the desk's search and opens the match, inside the circuit.</summary>
    public static async Task SearchAndOpenAsync(IPage page, Member member, bool capturable = true)
    {
        await Pages.WaitForInteractiveAsync(page);
        await page.Locator("#desk-search").FillAsync(member.IdNumber);
        var result = page.GetByTestId("desk-results").Locator($"a.desk-result[data-member-id='{member.Id}']");
        await Expect(result).ToBeVisibleAsync();
        await result.ClickAsync();
        await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(member.Name);
        if (capturable)
        {
            await Expect(page.Locator("#submit")).ToBeEnabledAsync();
        }
    }

    /// <summary>Opens the member's desk address directly (a full load), as a reload or a shared link does.</summary>
    public static async Task OpenAsync(IPage page, Member member)
    {
        await page.GotoAsync($"/desk/members/{member.Id}");
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(member.Name);
    }

    /// <summary>Takes the photo with Chromium's fake camera and signs, then waits until the server holds both in its draft.</summary>
    public static async Task CaptureAndSignAsync(IPage page)
    {
        var capture = page.Locator("#photo-capture");
        await Expect(capture).ToBeEnabledAsync();
        await capture.ClickAsync();
        await Expect(page.GetByTestId("photo-preview")).ToBeVisibleAsync();
        await SignAsync(page);
        await ExpectDraftKeptAsync(page);
    }

    public static async Task ExpectDraftKeptAsync(IPage page)
    {
        var draft = page.GetByTestId("draft-state");
        await Expect(draft).ToHaveAttributeAsync("data-photo", "kept");
        await Expect(draft).ToHaveAttributeAsync("data-signature", "kept");
    }

    /// <summary>Draws a signature on the desk's pad.</summary>
    public static async Task SignAsync(IPage page)
    {
        var pad = page.GetByTestId("signature-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        var x = box.X + 40;
        var y = box.Y + (box.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 12; i++)
        {
            await page.Mouse.MoveAsync(x + (i * 35), y + (i % 2 == 0 ? -45 : 45), new() { Steps = 6 });
        }

        await page.Mouse.UpAsync();
    }

    /// <summary>Whether the signature pad shows ink: any pixel of the canvas that is not the white background.</summary>
    public static Task<bool> PadHasInkAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
          const canvas = document.querySelector('#signature-pad');
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) return true;
          }
          return false;
        }
        """);

    /// <summary>Whether the photo preview shows a decoded picture (not only an element).</summary>
    public static Task<bool> PreviewShowsPhotoAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
          const img = document.querySelector('#photo-preview');
          return !!img && !img.hidden && img.complete && img.naturalWidth > 0;
        }
        """);

    /// <summary>The saved banner after a save from the desk, back on /desk.</summary>
    public static async Task ExpectSavedAsync(IPage page, Member member)
    {
        await Expect(page.GetByTestId("desk-saved")).ToContainTextAsync(member.Name);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/desk$"));
    }

    /// <summary>A member of the first demo commune that no test has used yet and that has no application.</summary>
    public static async Task<Member> FreeMemberAsync(TestDatabase database, HashSet<int> taken)
    {
        await using var db = database.CreateContext(DataScope.System);
        var code = DemoPopulationGenerator.DefaultShapes[0].Code;
        var candidates = await db.PartyMembers
            .Where(m => m.Commune!.Code == code && m.Exemption == null && !m.NeedsHomeVisit && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber, m.FullName })
            .Take(200)
            .ToListAsync();
        lock (taken)
        {
            var m = candidates.First(c => taken.Add(c.Id));
            return new Member(m.Id, m.IdNumber.Value, m.FullName);
        }
    }

    /// <summary>The draft the desk keeps for the member (any device): the photo's SHA-256 as <c>PhotoValidator</c> computes it, or null.</summary>
    public static async Task<Draft?> DraftAsync(TestDatabase database, int memberId)
    {
        await using var db = database.CreateContext(DataScope.System);
        var draft = await db.CaptureDrafts.AsNoTracking()
            .Where(d => d.MemberId == memberId)
            .Select(d => new { d.IdempotencyKey, d.Photo, d.Strokes })
            .SingleOrDefaultAsync();
        return draft is null ? null : new Draft(draft.IdempotencyKey, draft.Photo is null ? null : Sha256(draft.Photo), draft.Strokes is not null);
    }

    /// <summary>Every application of the member, with its capture's stored checksum and the checksum of the stored photo.</summary>
    public static async Task<List<SavedRecord>> RecordsAsync(TestDatabase database, int memberId)
    {
        await using var db = database.CreateContext(DataScope.System);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.MemberId == memberId)
            .Select(a => new { a.Id, a.IdempotencyKey, a.Capture!.PhotoSha256, a.Capture.Photo })
            .ToListAsync();
        return rows.Select(r => new SavedRecord(r.Id, r.IdempotencyKey, r.PhotoSha256, Sha256(r.Photo))).ToList();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public sealed record Member(int Id, string IdNumber, string Name);

    public sealed record Draft(Guid Key, string? PhotoSha256, bool HasSignature);

    public sealed record SavedRecord(Guid Id, Guid Key, string PhotoSha256, string StoredPhotoSha256);
}
