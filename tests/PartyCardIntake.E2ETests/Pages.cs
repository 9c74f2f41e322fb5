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

    /// <summary>Waits until the page's circuit is up: before that a click on a MudBlazor control does nothing.</summary>
    public static async Task WaitForInteractiveAsync(IPage page) =>
        await Expect(page.Locator("main[data-interactive='true']")).ToBeVisibleAsync();

    /// <summary>Picks an option of a MudSelect: a MudSelect is not a native select; its list opens on a click.</summary>
    public static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true })).ToHaveCountAsync(0);
    }

    /// <summary>Types a date (dd/MM/yyyy) into a MudDatePicker and leaves the field, as a person typing it would.</summary>
    public static async Task TypeDateAsync(ILocator field, string date)
    {
        await field.FillAsync(date);
        await field.PressAsync("Tab");
    }

    /// <summary>
    /// Signs out with the button of a static page. (The account menu of the interactive layout does not open on a
    /// click at present, so its sign-out button cannot be reached there.)
    /// </summary>
    public static async Task SignOutAsync(IPage page)
    {
        var button = page.GetByTestId("signout");
        if (!await button.IsVisibleAsync())
        {
            await page.GotoAsync("/account/password");
        }

        await button.ClickAsync();
    }

    /// <summary>Takes the photo with Chromium's fake camera (the page starts it on its own) and draws a signature.</summary>
    public static async Task CaptureAndSignAsync(IPage page)
    {
        // Chromium's fake camera: the page starts it on its own.
        await Expect(page.Locator("#photo-capture")).ToBeEnabledAsync();
        await page.Locator("#photo-capture").ClickAsync();
        await Expect(page.GetByTestId("photo-preview")).ToBeVisibleAsync();

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
