using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartyCardIntake.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The province administrator gives a new officer an account, and later takes it away.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class UserFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_admin_creates_an_officer_who_signs_in_with_the_temporary_password_and_then_disables_them()
    {
        var userName = "canbo.moi." + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Admin);
        await page.GetByTestId("nav-users").ClickAsync();
        await Expect(page.GetByTestId("user-table")).ToContainTextAsync(DemoAccounts.Officer);

        await page.GetByTestId("user-new").ClickAsync();
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Tên hiển thị").FillAsync("Trần Văn Mới");
        await page.GetByLabel("Vai trò").SelectOptionAsync(new SelectOptionValue { Label = "Cán bộ tiếp nhận" });
        await page.GetByLabel("Xã/phường").SelectOptionAsync(new SelectOptionValue { Label = "Phường Kỳ Sơn" });
        await page.GetByTestId("user-create").ClickAsync();
        await Expect(page.GetByTestId("user-created")).ToBeVisibleAsync();
        var password = (await page.GetByTestId("temp-password").InnerTextAsync()).Trim();
        await page.GetByTestId("user-open").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(userName);
        var account = page.Url;
        await Pages.SignOutAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));

        // The officer signs in on the same machine with what the administrator read out. A first sign-in may ask for
        // a new password; only that the sign-in was accepted is checked here.
        await Pages.SignInAsync(page, userName, password);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"));
        await Expect(page.GetByTestId("signin-error")).ToHaveCountAsync(0);

        // The administrator, at their own machine, disables the account.
        var admin = await browser.NewPageAsync();
        await Pages.SignInAsync(admin, DemoAccounts.Admin);
        await Expect(admin.GetByTestId("home-heading")).ToBeVisibleAsync();
        await admin.GotoAsync(account);
        await admin.GetByTestId("user-disable").ClickAsync();
        await Expect(admin.GetByTestId("user-done")).ToContainTextAsync("Đã vô hiệu hóa tài khoản");
        await Expect(admin.GetByTestId("state-disabled")).ToBeVisibleAsync();

        // The officer's open page no longer works, and signing in again is refused.
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
        await Pages.SignInAsync(page, userName, password);
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("vô hiệu hóa");

        await admin.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
