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

    /// <summary>Waits until the page's circuit is up: before that, a click on an interactive control does nothing.</summary>
    public static async Task WaitForInteractiveAsync(IPage page) =>
        await Expect(page.Locator("main[data-interactive='true']")).ToBeVisibleAsync();

    /// <summary>The validation message MudBlazor shows under the field whose input has <paramref name="inputId"/>.</summary>
    public static ILocator FieldMessage(IPage page, string inputId) =>
        page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("#" + inputId) }).Locator(".mud-input-helper-text.mud-input-error").First;

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
