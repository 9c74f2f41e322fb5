using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>A person's own account: a new password chosen at the first sign-in, and a code from an authenticator app.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class AccountFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_user_given_a_password_by_an_admin_must_choose_a_new_one_before_anything_else()
    {
        var userName = await browser.CreateOfficerAsync();
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, true));
        }

        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, userName);
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await Expect(page.GetByTestId("password-forced")).ToBeVisibleAsync();

        await page.GotoAsync("/members");
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));

        await ChangeAsync(page, PartyCardAppFactory.DemoPassword, "password1234");
        await Expect(page.GetByTestId("password-errors")).ToContainTextAsync("quá phổ biến");

        await ChangeAsync(page, PartyCardAppFactory.DemoPassword, "trâu già gặm cỏ non 1975");
        await Expect(page.GetByTestId("password-changed")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Về trang chủ" }).ClickAsync();
        await Expect(page.GetByTestId("home-heading")).ToHaveTextAsync("Phường Kỳ Sơn");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_province_viewer_turns_on_two_factor_sign_in_signs_in_with_a_code_and_after_a_lost_phone_the_admin_turns_it_off()
    {
        var userName = await CreateProvinceViewerAsync();
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await Pages.SignInAsync(page, userName);
        await Pages.OpenAccountMenuAsync(page);
        await Pages.ClickMenuItemAsync(page, "nav-two-factor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bật xác thực hai bước" }).ClickAsync();

        await Expect(page.GetByTestId("two-factor-qr").Locator("svg")).ToBeVisibleAsync();
        var box = await page.GetByTestId("two-factor-qr").Locator("svg").BoundingBoxAsync();
        box!.Width.Should().BeGreaterThan(100, "the QR code is drawn at a size a phone can read");
        var key = await page.GetByTestId("two-factor-key").InnerTextAsync();
        await page.GetByLabel("Mã 6 chữ số").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận và bật" }).ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);

        await Pages.SignOutAsync(page);
        await Pages.SignInAsync(page, userName);
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin/code$"));
        await page.GetByLabel("Mã xác thực").FillAsync("000000" == Totp.Code(key) ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("Mã xác thực không đúng");

        await page.GetByLabel("Mã xác thực").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page.GetByTestId("home-heading")).ToHaveTextAsync("Tỉnh Phú Thọ");

        // The phone is lost: the administrator finds the viewer, turns two-factor off, and the open session ends.
        var admin = await browser.NewPageAsync();
        admin.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await Pages.SignInAsync(admin, Core.Demo.DemoAccounts.Admin);
        await Expect(admin.GetByTestId("home-heading")).ToBeVisibleAsync();
        await Pages.WaitForInteractiveAsync(admin);
        await Pages.ClickMenuItemAsync(admin, "nav-users");
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/users$"));
        await Pages.WaitForInteractiveAsync(admin);
        await Expect(admin.GetByTestId("user-table")).ToContainTextAsync(Core.Demo.DemoAccounts.Admin, new() { Timeout = 15_000 });
        await admin.GetByLabel("Tìm theo tên").FillAsync(userName);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(admin.Locator("tr.user-row")).ToHaveCountAsync(1);
        await Expect(admin.Locator("tr.user-row").GetByTestId("state-two-factor")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = userName }).ClickAsync();
        await Expect(admin.GetByTestId("user-name")).ToHaveTextAsync(userName);
        await admin.GetByTestId("user-two-factor-off").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Tắt xác thực hai bước" }).ClickAsync();
        await Expect(admin.GetByTestId("user-done")).ToContainTextAsync("Đã tắt xác thực hai bước");
        await Expect(admin.GetByTestId("state-two-factor")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
        await Pages.SignInAsync(page, userName);
        await Expect(page.GetByTestId("home-heading")).ToHaveTextAsync("Tỉnh Phú Thọ");
        violations.Should().BeEmpty();
        await admin.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    private static async Task ChangeAsync(IPage page, string current, string next)
    {
        await page.GetByLabel("Mật khẩu hiện tại").FillAsync(current);
        await page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("Nhập lại mật khẩu mới").FillAsync(next);
        await page.GetByTestId("password-submit").ClickAsync();
    }

    private async Task<string> CreateProvinceViewerAsync()
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var province = await db.Provinces.Select(p => p.Id).FirstAsync();
        using var scope = browser.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "lanhdao." + Guid.NewGuid().ToString("N")[..8], DisplayName = "Lãnh đạo thử", ProvinceId = province };
        if (!(await users.CreateAsync(user, PartyCardAppFactory.DemoPassword)).Succeeded || !(await users.AddToRoleAsync(user, AppRoles.ProvinceViewer)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the test province viewer.");
        }

        return user.UserName;
    }
}
