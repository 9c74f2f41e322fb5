using Microsoft.Playwright;
using PartyCardIntake.Tests.Shared;

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
}
