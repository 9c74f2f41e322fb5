using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

[Collection(BrowserFixture.Collection)]
public sealed class SignInFlowTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(DemoAccounts.Admin, "Tỉnh Phú Thọ", "Quản trị hệ thống", "users")]
    [InlineData(DemoAccounts.Province, "Tỉnh Phú Thọ", "Lãnh đạo Công an tỉnh", "communes")]
    [InlineData(DemoAccounts.Committee, "Phường Kỳ Sơn", "Ban Xây dựng Đảng", "cells")]
    [InlineData(DemoAccounts.Lead, "Phường Kỳ Sơn", "Trưởng Công an xã/phường", "sites")]
    [InlineData(DemoAccounts.Officer, "Phường Kỳ Sơn", "Cán bộ tiếp nhận", "sites")]
    [InlineData(DemoAccounts.Officer2, "Xã Thanh Sơn", "Cán bộ tiếp nhận", "sites")]
    public async Task Each_demo_role_signs_in_and_sees_its_home_page(string userName, string heading, string role, string table)
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, userName);

        await Expect(page).ToHaveURLAsync(browser.BaseAddress.ToString());
        await Expect(page.GetByTestId("home-heading")).ToHaveTextAsync(heading);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync(role);
        await Expect(page.GetByTestId(table)).ToBeVisibleAsync();
        (await page.GetByTestId(table).Locator("tbody tr, .site-card").CountAsync()).Should().BeGreaterThan(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_five_times_locks_the_account()
    {
        var userName = await browser.CreateOfficerAsync();
        var page = await browser.NewPageAsync();
        for (var i = 1; i <= 5; i++)
        {
            await Pages.SignInAsync(page, userName, "sai-mat-khau-lan-" + i);
            await Expect(page.GetByTestId("signin-error")).ToBeVisibleAsync();
        }

        await Pages.SignInAsync(page, userName);
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("tạm khóa");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_officer_of_one_commune_gets_no_data_of_another_by_guessing_urls()
    {
        int foreignMember, foreignCell;
        string foreignName, foreignId;
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var secondCommune = DemoPopulationGenerator.DefaultShapes[1].Code;
            var member = await db.PartyMembers.Where(m => m.Commune!.Code == secondCommune).OrderBy(m => m.Id).Skip(7).FirstAsync();
            foreignMember = member.Id;
            foreignName = member.FullName;
            foreignId = member.IdNumber.Value;
            foreignCell = member.PartyCellId;
        }

        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Expect(page.GetByTestId("home-heading")).ToHaveTextAsync("Phường Kỳ Sơn");

        var detail = await page.GotoAsync($"/members/{foreignMember}");
        detail!.Status.Should().Be(404);
        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        (await page.ContentAsync()).Should().NotContain(foreignName).And.NotContain(foreignId);

        await page.GotoAsync($"/members?cell={foreignCell}");
        await Expect(page.GetByTestId("no-members")).ToBeVisibleAsync();

        await page.GotoAsync($"/members?q={foreignId}");
        await Expect(page.GetByTestId("no-members")).ToBeVisibleAsync();

        var api = await page.APIRequest.GetAsync($"/api/v1/members/{foreignMember}");
        api.Status.Should().Be(404);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_officer_finds_members_by_name_without_diacritics_and_opens_one()
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Pages.ClickMenuItemAsync(page, "nav-members");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members$"));
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByLabel("Tìm kiếm").FillAsync("nguyen van");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=nguyen"));

        var rows = page.GetByTestId("members").Locator("tbody tr");
        await Expect(rows.First).ToContainTextAsync("Nguyễn Văn");
        var name = await rows.First.Locator("a").InnerTextAsync();
        await rows.First.Locator("a").ClickAsync();
        await Expect(page.GetByTestId("member-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("member-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{12}$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page_and_ends_the_session()
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Committee);
        await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
        var cookies = await page.Context.CookiesAsync();

        await Pages.SignOutAsync(page);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await Expect(page.GetByText("Bạn đã đăng xuất.")).ToBeVisibleAsync();

        // The cookie as it was before sign-out no longer opens anything.
        var replay = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString() });
        await replay.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var again = await replay.NewPageAsync();
        await again.GotoAsync("/");
        await Expect(again).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await replay.CloseAsync();
        await page.Context.CloseAsync();
    }
}
