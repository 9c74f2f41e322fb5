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

        // A click on the menu before the home page's circuit is up can be lost: wait for it first.
        await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
        await Pages.WaitForInteractiveAsync(page);
        await Pages.ClickMenuItemAsync(page, "nav-users");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users$"));
        await Pages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("user-table")).ToContainTextAsync(DemoAccounts.Officer, new() { Timeout = 15_000 });

        // A name with diacritics first: the message stands beside the field and what was typed stays.
        await page.GetByTestId("user-new").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users/new$"));
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByLabel("Tên đăng nhập").FillAsync("trần.văn.mới");
        await page.GetByLabel("Tên hiển thị").FillAsync("Trần Văn Mới");
        await Pages.ChooseByLabelAsync(page, "Vai trò", "Cán bộ tiếp nhận");
        await page.GetByTestId("user-create").ClickAsync();
        await Expect(page.GetByText("Tên đăng nhập chỉ gồm chữ cái không dấu", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByText("Vai trò này thuộc một xã/phường: vui lòng chọn xã/phường.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Tên đăng nhập")).ToHaveValueAsync("trần.văn.mới");
        await Expect(page.GetByTestId("user-created")).ToHaveCountAsync(0);

        // A name already taken is refused by the service, beside the same field.
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Officer);
        await Pages.ChooseByLabelAsync(page, "Xã/phường", "Phường Kỳ Sơn");
        await page.GetByTestId("user-create").ClickAsync();
        await Expect(page.GetByText("Tên đăng nhập này đã được dùng. Vui lòng chọn tên khác.")).ToBeVisibleAsync();

        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByTestId("user-create").ClickAsync();
        await Expect(page.GetByTestId("user-created")).ToBeVisibleAsync();
        var password = (await page.GetByTestId("temp-password").InnerTextAsync()).Trim();
        password.Should().MatchRegex("^[a-z2-9]{4}(-[a-z2-9]{4}){3}$");
        await page.GetByTestId("user-open").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(userName);
        await Expect(page.GetByTestId("temp-password")).ToHaveCountAsync(0);
        var account = page.Url;

        // The new account is in the list, found by its name.
        await page.GotoAsync("/admin/users");
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByLabel("Tìm theo tên").FillAsync(userName);
        await page.GetByTestId("user-filter-apply").ClickAsync();
        await Expect(page.Locator("tr.user-row")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.Locator("tr.user-row").GetByTestId("state-must-change")).ToBeVisibleAsync();

        await Pages.SignOutAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));

        // The officer signs in on the same machine with what the administrator read out. A first sign-in may ask for
        // a new password; only that the sign-in was accepted is checked here.
        await Pages.SignInAsync(page, userName, password);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"));
        await Expect(page.GetByTestId("signin-error")).ToHaveCountAsync(0);

        // The administrator, at their own machine, disables the account after confirming; a first "cancel" does nothing.
        var admin = await browser.NewPageAsync();
        await Pages.SignInAsync(admin, DemoAccounts.Admin);
        await Expect(admin.GetByTestId("home-heading")).ToBeVisibleAsync();
        await admin.GotoAsync(account);
        await Pages.WaitForInteractiveAsync(admin);
        await admin.GetByTestId("user-disable").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(userName);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Hủy" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("state-disabled")).ToHaveCountAsync(0);

        await admin.GetByTestId("user-disable").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Vô hiệu hóa tài khoản" }).ClickAsync();
        await Expect(admin.GetByTestId("user-done")).ToContainTextAsync("Đã vô hiệu hóa tài khoản");
        await Expect(admin.GetByTestId("state-disabled")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("user-enable")).ToBeVisibleAsync();

        // The officer's open page no longer works, and signing in again is refused.
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
        await Pages.SignInAsync(page, userName, password);
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("vô hiệu hóa");

        await admin.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_open_interactive_page_of_a_disabled_user_is_signed_out_within_seconds()
    {
        var officer = await browser.CreateOfficerAsync();
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, officer);
        await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
        await Pages.WaitForInteractiveAsync(page);

        var admin = await browser.NewPageAsync();
        await Pages.SignInAsync(admin, DemoAccounts.Admin);
        await Expect(admin.GetByTestId("home-heading")).ToBeVisibleAsync();
        await admin.GotoAsync("/admin/users?q=" + officer);
        await Pages.WaitForInteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = officer }).ClickAsync();
        await Expect(admin.GetByTestId("user-name")).ToHaveTextAsync(officer);
        await admin.GetByTestId("user-disable").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Vô hiệu hóa tài khoản" }).ClickAsync();
        await Expect(admin.GetByTestId("state-disabled")).ToBeVisibleAsync();

        // Without a reload: the circuit's revalidation finds the session gone and sends the page to sign-in.
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"), new() { Timeout = 30_000 });

        await admin.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
