using System.Collections.Concurrent;
using Microsoft.Playwright;
using PartyCardIntake.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>A page load in the browser asks for nothing that is missing: no 404 for the icon or anything else.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class FaviconFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_sign_in_page_and_the_home_page_load_without_a_404_and_their_icons_answer()
    {
        var page = await browser.NewPageAsync();
        var missing = new ConcurrentBag<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                missing.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync("/account/signin");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Headless Chromium may not fetch the tab's icon on its own: fetch every icon the page links, as a tab does.
        var icons = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)");
        icons.Should().Contain(href => href.EndsWith("/favicon.ico", StringComparison.Ordinal))
            .And.Contain(href => href.EndsWith("/favicon.svg", StringComparison.Ordinal));
        foreach (var icon in icons.Append(new Uri(browser.BaseAddress, "/favicon.ico").ToString()))
        {
            var response = await page.Context.APIRequest.GetAsync(icon);
            response.Status.Should().Be(200, icon);
            response.Headers["content-type"].Should().StartWith("image/");
        }

        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await Pages.WaitForInteractiveAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        missing.Should().BeEmpty("every file a page asks for exists");
        await page.Context.CloseAsync();
    }
}
