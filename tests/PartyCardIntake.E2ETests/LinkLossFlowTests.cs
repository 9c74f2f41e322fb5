using System.Diagnostics;
using Microsoft.Playwright;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// A capture taken at the desk is never lost and never saved twice: not when the browser's link drops in the middle
/// of it, not when the node holding its circuit dies. What the server holds of it (the draft) is what is saved.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class LinkLossFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_capture_outlives_twenty_seconds_offline_and_is_saved_once_with_the_photo_of_its_draft()
    {
        var database = browser.App.Database;
        var member = await DeskSteps.FreeMemberAsync(database, browser.TakenMembers);
        await using var link = new LinkCutter(browser.BaseAddress);
        var page = await DeskSteps.NewPageAsync(browser.Browser, link.Address);
        var draft = await CaptureAsync(page, database, member);

        await OfflineAsync(page, link, TimeSpan.FromSeconds(20));

        // The same member, with what was taken: the server still holds it, the page still shows it.
        await ExpectCaptureOnScreenAsync(page, member);

        // Pressed twice in a row, as an impatient officer does.
        await page.Locator("#submit").DblClickAsync();
        await DeskSteps.ExpectSavedAsync(page, member);
        await ExpectSavedOnceAsync(database, member, draft);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_capture_outlives_a_link_lost_for_longer_than_the_server_keeps_its_circuit()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var settings = AppProcess.DemoSettings(database);

        // The server lets the disconnected circuit go after 5 s (15 min in production) and keeps only its persisted state.
        settings["Circuits:DisconnectedRetention"] = "00:00:05";
        await using var node = new AppProcess(settings, name: "desk-short-retention");
        await node.StartAsync(TimeSpan.FromMinutes(3));
        var member = await DeskSteps.FreeMemberAsync(database, []);
        await using var link = new LinkCutter(node.Address);
        var page = await DeskSteps.NewPageAsync(browser.Browser, link.Address);
        var draft = await CaptureAsync(page, database, member);

        await OfflineAsync(page, link, TimeSpan.FromSeconds(20));

        // The page was rebuilt from the circuit's persisted state and the draft; the keys work on the rebuilt page.
        await ExpectCaptureOnScreenAsync(page, member);
        await page.Locator("#signature-pad").FocusAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await page.Keyboard.PressAsync("Control+Enter");
        await DeskSteps.ExpectSavedAsync(page, member);
        await ExpectSavedOnceAsync(database, member, draft);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_desk_rebuilt_from_a_circuit_the_server_let_go_has_its_capture_its_keys_and_no_second_camera()
    {
        var database = browser.App.Database;
        var member = await DeskSteps.FreeMemberAsync(database, browser.TakenMembers);
        var page = await DeskSteps.NewPageAsync(browser.Browser, browser.BaseAddress);
        var before = await CaptureAsync(page, database, member);
        await page.EvaluateAsync("() => { window.oldCamera = document.querySelector('#camera'); }");

        // What the browser does once the server has let the circuit go (a link down longer than the retention, a node
        // short of memory): the circuit's state is persisted and the desk is rendered anew from it and the draft.
        var render = await page.Locator("main").GetAttributeAsync("data-render");
        (await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()")).Should().BeTrue();
        (await page.EvaluateAsync<bool>("() => Blazor.resumeCircuit()")).Should().BeTrue();
        await Expect(page.Locator($"main[data-interactive='true']:not([data-render='{render}'])")).ToBeVisibleAsync();
        await ExpectCaptureOnScreenAsync(page, member);

        // The old desk's camera is off, and the keys drive the new desk alone: R retakes, Enter takes, Ctrl+Enter saves.
        await WaitUntilAsync(
            () => page.EvaluateAsync<bool>("() => window.oldCamera && !window.oldCamera.isConnected && (window.oldCamera.srcObject?.getTracks() ?? []).every(t => t.readyState === 'ended')"),
            "the camera of the desk that left the page is stopped");
        await page.Locator("#signature-pad").FocusAsync();
        await page.Keyboard.PressAsync("r");
        await Expect(page.Locator("#camera")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("photo-preview")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("draft-state")).ToHaveAttributeAsync("data-photo", "none");
        await Expect(page.Locator("#photo-capture")).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("photo-preview")).ToBeVisibleAsync();
        await DeskSteps.ExpectDraftKeptAsync(page);
        var retaken = await DeskSteps.DraftAsync(database, member.Id);
        retaken!.Key.Should().Be(before.Key, "a retake is the same capture");

        await page.Keyboard.PressAsync("Control+Enter");
        await DeskSteps.ExpectSavedAsync(page, member);
        await ExpectSavedOnceAsync(database, member, retaken);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_capture_comes_back_by_itself_after_its_node_is_killed_and_restarted_and_is_saved_once()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using var node = new AppProcess(AppProcess.DemoSettings(database), AppProcess.FreePort(), "desk-restart");
        await node.StartAsync(TimeSpan.FromMinutes(3));
        var member = await DeskSteps.FreeMemberAsync(database, []);
        var page = await DeskSteps.NewPageAsync(browser.Browser, node.Address);
        var draft = await CaptureAsync(page, database, member);
        var loads = await LoadsAsync(page);

        // SIGKILL, then a new node on the same port and database: the circuit and everything in its memory are gone.
        var down = Stopwatch.StartNew();
        await node.KillAsync();
        await node.StartAsync(TimeSpan.FromMinutes(3));
        var up = Stopwatch.StartNew();
        output.WriteLine($"New node ready {down.Elapsed.TotalSeconds:0.0} s after the kill");

        // Nobody touches the page: it must load itself again once the new node answers.
        while (await LoadsAsync(page) <= loads)
        {
            up.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), $"the page reloads itself once the new node answers (link log: {string.Join(" ", await SafeLinkLogAsync(page))})\n{node.RecentLog()}");
            await Task.Delay(250);
        }

        await Pages.WaitForInteractiveAsync(page);
        output.WriteLine($"Page reloaded and interactive {up.Elapsed.TotalSeconds:0.0} s after the new node was ready; link log: {string.Join(" ", await DeskSteps.LinkLogAsync(page))}");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/desk/members/{member.Id}$"));
        await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(member.Name);

        // The new node found the draft: the photo and the signature are back on screen and held by the server.
        await ExpectCaptureOnScreenAsync(page, member);
        await page.Locator("#submit").ClickAsync();
        await DeskSteps.ExpectSavedAsync(page, member);
        await ExpectSavedOnceAsync(database, member, draft);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_saved_member_opened_again_shows_the_record_and_offers_no_second_capture()
    {
        var database = browser.App.Database;
        var member = await DeskSteps.FreeMemberAsync(database, browser.TakenMembers);
        var page = await DeskSteps.NewPageAsync(browser.Browser, browser.BaseAddress);
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await DeskSteps.ChooseStationAsync(page);
        await DeskSteps.SearchAndOpenAsync(page, member);
        await DeskSteps.CaptureAndSignAsync(page);
        await page.Keyboard.PressAsync("Control+Enter");
        await DeskSteps.ExpectSavedAsync(page, member);

        // The browser's back button returns to the member's address inside the circuit.
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/desk/members/{member.Id}$"));
        await ExpectAlreadySavedAsync(page, member);

        // And so does the address loaded afresh, or the member found again in the search.
        await DeskSteps.OpenAsync(page, member);
        await ExpectAlreadySavedAsync(page, member);
        await page.GotoAsync("/desk");
        await DeskSteps.SearchAndOpenAsync(page, member, capturable: false);
        await ExpectAlreadySavedAsync(page, member);

        (await DeskSteps.RecordsAsync(database, member.Id)).Should().ContainSingle();
        (await DeskSteps.DraftAsync(database, member.Id)).Should().BeNull("opening a saved member starts no new draft");
        await page.Context.CloseAsync();
    }

    private static async Task ExpectAlreadySavedAsync(IPage page, DeskSteps.Member member)
    {
        await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(member.Name);
        await Expect(page.GetByTestId("desk-already")).ToBeVisibleAsync();
        await Expect(page.Locator("#submit")).ToHaveCountAsync(0);
        await Expect(page.Locator("#signature-pad")).ToHaveCountAsync(0);
    }

    /// <summary>Signs in, chooses the station, finds the member, takes the photo and signs; returns the draft the server then holds.</summary>
    private static async Task<DeskSteps.Draft> CaptureAsync(IPage page, TestDatabase database, DeskSteps.Member member)
    {
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await DeskSteps.ChooseStationAsync(page);
        await DeskSteps.SearchAndOpenAsync(page, member);
        await DeskSteps.CaptureAndSignAsync(page);
        var draft = await DeskSteps.DraftAsync(database, member.Id);
        draft.Should().NotBeNull("the server keeps the capture as it is taken");
        draft!.PhotoSha256.Should().NotBeNull();
        draft.HasSignature.Should().BeTrue();
        return draft;
    }

    /// <summary>
    /// The browser goes offline and its link is cut for <paramref name="duration"/> (Chromium's offline mode alone leaves
    /// the circuit's open WebSocket working); then both come back and the page must be interactive again by itself.
    /// </summary>
    private async Task OfflineAsync(IPage page, LinkCutter link, TimeSpan duration)
    {
        var loads = await LoadsAsync(page);
        await page.Context.SetOfflineAsync(true);
        link.Cut();
        var seen = new List<string>();
        var offline = Stopwatch.StartNew();
        while (offline.Elapsed < duration)
        {
            seen.Add($"{offline.Elapsed.TotalSeconds:0}s {await ReconnectStateAsync(page)}");
            await Task.Delay(1000);
        }

        link.Restore();
        await page.Context.SetOfflineAsync(false);
        var back = Stopwatch.StartNew();
        await ExpectLinkUpAsync(page);
        var log = await DeskSteps.LinkLogAsync(page);
        output.WriteLine("While offline: " + string.Join(", ", seen));
        output.WriteLine($"Link: {link.Resets} connections reset, {link.Refused} refused while down");
        output.WriteLine($"Interactive again {back.Elapsed.TotalSeconds:0.0} s after the network came back; reloaded: {log.Count(s => s == "load") > loads}; link log: {string.Join(" ", log)}");
        log.Should().Contain("show", "the page noticed the link was gone (else this test cut nothing)");
    }

    /// <summary>The member's capture as it was before the trouble: photo shown, signature drawn, both held by the server.</summary>
    private static async Task ExpectCaptureOnScreenAsync(IPage page, DeskSteps.Member member)
    {
        await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(member.Name);
        await DeskSteps.ExpectDraftKeptAsync(page);
        await Expect(page.GetByTestId("photo-preview")).ToBeVisibleAsync();
        await Expect(page.Locator("#camera")).ToBeHiddenAsync();
        await WaitUntilAsync(() => DeskSteps.PreviewShowsPhotoAsync(page), "the photo is shown, not an empty frame");
        await WaitUntilAsync(() => DeskSteps.PadHasInkAsync(page), "the signature's strokes are on the pad");
        await Expect(page.Locator("#submit")).ToBeEnabledAsync();
    }

    /// <summary>Exactly one record of the member, saved under the draft's key with the draft's photo; the draft is gone.</summary>
    private static async Task ExpectSavedOnceAsync(TestDatabase database, DeskSteps.Member member, DeskSteps.Draft draft)
    {
        var records = await DeskSteps.RecordsAsync(database, member.Id);
        records.Should().ContainSingle("one capture, one record, however often save was pressed");
        records[0].Key.Should().Be(draft.Key, "the capture saves under the key its draft kept");
        records[0].PhotoSha256.Should().Be(draft.PhotoSha256, "the saved photo is the one the draft held");
        records[0].StoredPhotoSha256.Should().Be(draft.PhotoSha256);
        (await DeskSteps.DraftAsync(database, member.Id)).Should().BeNull("a saved capture leaves no draft behind");
    }

    private static async Task<int> LoadsAsync(IPage page) => (await SafeLinkLogAsync(page)).Count(s => s == "load");

    /// <summary>The link log, or nothing while the page is between two documents.</summary>
    private static async Task<IReadOnlyList<string>> SafeLinkLogAsync(IPage page)
    {
        try
        {
            return await DeskSteps.LinkLogAsync(page);
        }
        catch (PlaywrightException)
        {
            return [];
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string because, int seconds = 15)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            deadline.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(seconds), because);
            await Task.Delay(200);
        }
    }

    /// <summary>The reconnection dialog's state as its classes show it ("none" while hidden).</summary>
    private static async Task<string> ReconnectStateAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("""
                () => {
                  const modal = document.getElementById('components-reconnect-modal');
                  const state = [...(modal?.classList ?? [])].find(c => c.startsWith('components-reconnect-'));
                  return state ? state.substring('components-reconnect-'.length) : 'none';
                }
                """);
        }
        catch (PlaywrightException e)
        {
            return "(page busy: " + e.Message.Split('\n')[0] + ")";
        }
    }

    /// <summary>Waits until the page has its circuit again: no reconnection dialog showing, the desk interactive.</summary>
    private static async Task ExpectLinkUpAsync(IPage page, float timeout = 30_000)
    {
        await Expect(page.Locator("#components-reconnect-modal.components-reconnect-show, #components-reconnect-modal.components-reconnect-retrying, #components-reconnect-modal.components-reconnect-failed, #components-reconnect-modal.components-reconnect-rejected, #components-reconnect-modal.components-reconnect-paused, #components-reconnect-modal.components-reconnect-resume-failed"))
            .ToHaveCountAsync(0, new() { Timeout = timeout });
        await Expect(page.Locator("main[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = timeout });
    }
}
