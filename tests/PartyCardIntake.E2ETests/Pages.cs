using Microsoft.Playwright;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>Steps a person takes, written once for every test.</summary>
internal static class Pages
{
    public static async Task SignInAsync(IPage page, string userName, string password = PartyCardAppFactory.DemoPassword)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
    }

    /// <summary>Waits until the page's circuit is up: a click on prerendered HTML before that does nothing.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Expect(page.Locator("main[data-interactive='true']")).ToBeVisibleAsync();

    /// <summary>Opens the account menu of the app bar on an interactive page (static pages show their links directly).</summary>
    public static async Task OpenAccountMenuAsync(IPage page)
    {
        if (await page.GetByTestId("user-menu").CountAsync() > 0)
        {
            await WaitForInteractiveAsync(page);
            await page.GetByTestId("user-menu").GetByRole(AriaRole.Button).First.ClickAsync();
        }
    }

    /// <summary>
    /// Clicks a drawer item by its test id once the page showing it is ready: on an interactive page, a click between
    /// blazor.web.js starting and the circuit connecting can be lost.
    /// </summary>
    public static async Task ClickMenuItemAsync(IPage page, string testId)
    {
        var item = page.GetByTestId(testId);
        await Expect(item).ToBeVisibleAsync();
        if (await page.Locator("main[data-interactive]").CountAsync() > 0)
        {
            await WaitForInteractiveAsync(page);
        }

        await item.ClickAsync();
    }

    /// <summary>
    /// Follows a drawer link into a page not yet moved onto MudBlazor, once the page is interactive (a click on the
    /// prerendered link and the router's own full load would otherwise load it twice), and waits until the static
    /// page has replaced the interactive one (the address changes before that).
    /// </summary>
    public static async Task FollowMenuLinkAsync(IPage page, string name, string path)
    {
        if (await page.Locator("main[data-interactive]").CountAsync() > 0)
        {
            await WaitForInteractiveAsync(page);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path) + "$"));
        await Expect(page.Locator("main[data-interactive]")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Opens the desk (from the menu, as an officer does, or by its address), chooses the first station offered when the
    /// browser has none yet, and waits for the desk's circuit: typing before it is up reaches no search.
    /// </summary>
    public static async Task OpenDeskAsync(IPage page, bool fromMenu = false)
    {
        if (fromMenu)
        {
            await WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Quầy tiếp nhận", Exact = true }).First.ClickAsync();
        }
        else
        {
            await page.GotoAsync("/desk");
        }

        // The router may change the address before the desk or the station form has replaced the old page.
        await Expect(page.GetByTestId("station-form").Or(page.GetByTestId("desk-station"))).ToBeVisibleAsync();
        if (await page.GetByTestId("station-form").IsVisibleAsync())
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu làm việc" }).ClickAsync();
        }

        await Expect(page.GetByTestId("desk-station")).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Types into the desk's search once its circuit is up: typing into the prerendered box sends no search.</summary>
    public static async Task SearchAtDeskAsync(IPage page, string text)
    {
        await Expect(page.GetByTestId("desk-station")).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        await page.Locator("#desk-search").FillAsync(text);
    }

    /// <summary>Finds a member at the desk by ID number and opens the member's capture from the results.</summary>
    public static async Task OpenMemberAtDeskAsync(IPage page, string idNumber, string name)
    {
        await SearchAtDeskAsync(page, idNumber);
        var result = page.GetByTestId("desk-results").GetByRole(AriaRole.Link, new() { Name = name });
        await Expect(result).ToBeVisibleAsync();
        await result.ClickAsync();
        await Expect(page.GetByTestId("desk-member-name")).ToHaveTextAsync(name);

        // The camera and the pad are the page's script module: saving is offered once it is attached.
        await Expect(page.GetByTestId("submit")).ToBeEnabledAsync();
    }

    public static async Task SignOutAsync(IPage page)
    {
        await OpenAccountMenuAsync(page);
        await page.GetByTestId("signout").ClickAsync();
    }

    /// <summary>Chooses an option of a MudSelect by its text: opens the list, clicks the option, waits for the list to close.</summary>
    public static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        var popover = page.Locator(".mud-popover-open");
        await popover.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(popover).ToHaveCountAsync(0);
    }

    /// <summary>The validation message MudBlazor shows under the field whose input has <paramref name="inputId"/>.</summary>
    public static ILocator FieldMessage(IPage page, string inputId) =>
        page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("#" + inputId) }).Locator(".mud-input-helper-text.mud-input-error").First;

    /// <summary>Picks an option of a MudSelect found by its label: a MudSelect is not a native select; its list opens on a click.</summary>
    public static async Task ChooseByLabelAsync(IPage page, string label, string option)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true })).ToHaveCountAsync(0);
    }

    /// <summary>Types a date (dd/MM/yyyy) into a MudDatePicker and leaves the field, as a person typing it would.</summary>
    public static async Task TypeDateAsync(ILocator field, string date)
    {
        // A MudBlazor picker reads typed text on change, through the circuit. On a loaded machine the render that
        // answers the previous field's change can arrive while this one is typed and leave it empty, so the text is
        // typed again (at most three times) until the field shows it after the round trip; it then must stay.
        for (var attempt = 1; ; attempt++)
        {
            await field.FillAsync(date);
            await field.PressAsync("Tab");
            try
            {
                await Expect(field).ToHaveValueAsync(date, new() { Timeout = 2_000 });
                await field.Page.WaitForTimeoutAsync(300);
                await Expect(field).ToHaveValueAsync(date, new() { Timeout = 1_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Takes the photo with Chromium's fake camera (the page starts it on its own) and draws a signature.</summary>
    public static async Task CaptureAndSignAsync(IPage page)
    {
        // Chromium's fake camera: the page starts it on its own.
        await Expect(page.Locator("#photo-capture")).ToBeEnabledAsync();
        await page.Locator("#photo-capture").ClickAsync();
        await Expect(page.GetByTestId("photo-preview")).ToBeVisibleAsync();
        await SignAsync(page);
    }

    /// <summary>Draws a signature on the desk's pad.</summary>
    public static async Task SignAsync(IPage page)
    {
        var pad = page.GetByTestId("signature-pad");
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
}
