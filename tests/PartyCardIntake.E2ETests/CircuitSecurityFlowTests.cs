using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// An open interactive page sends no request the cookie check could refuse: the circuit itself checks its
/// session and gives up the page when the session ends.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class CircuitSecurityFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_open_page_of_a_user_who_is_disabled_goes_to_sign_in()
    {
        var userName = await browser.CreateOfficerAsync();
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, userName);
        await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
        await Pages.WaitForInteractiveAsync(page);

        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            // Disabled only: the session row stays, so it is the user's state that the circuit checks.
            await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, DateTime.UtcNow));
        }

        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"), new() { Timeout = 15_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_open_page_whose_session_ended_elsewhere_goes_to_sign_in_and_shows_nothing_more()
    {
        var userName = await browser.CreateOfficerAsync();
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, userName);
        await Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
        await Pages.WaitForInteractiveAsync(page);

        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
            await db.UserSessions.Where(s => s.UserId == id).ExecuteDeleteAsync();
        }

        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"), new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("home-heading")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
