using System.Net;
using System.Text.RegularExpressions;
using PartyCardIntake.Core.Demo;

namespace PartyCardIntake.IntegrationTests.Web;

/// <summary>
/// The icon a browser asks for on every page, and the files a page links: none of them is missing, so no page
/// load ends in a 404.
/// </summary>
public abstract partial class FaviconTests(AppFixture app)
{
    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_icon_answers_without_a_sign_in_and_may_be_cached(string path, string type)
    {
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(type);
        (await response.Content.ReadAsByteArrayAsync()).Should().NotBeEmpty();
        (response.Headers.CacheControl?.NoStore ?? false).Should().BeFalse("a public file carries no personal data");
    }

    [Theory]
    [InlineData("-", "/account/signin")]
    [InlineData(DemoAccounts.Officer, "/")]
    public async Task Every_file_a_page_links_answers_and_the_icons_are_linked(string user, string path)
    {
        using var client = user == "-" ? app.CreateBrowserClient() : await app.SignedInClientAsync(user);
        var html = await client.GetStringAsync(path);

        var links = LinkedFile().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        links.Should().Contain(["favicon.ico", "favicon.svg"]);
        foreach (var link in links)
        {
            using var response = await client.GetAsync("/" + link.TrimStart('/'));
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{link} is linked from {path}");
        }
    }

    /// <summary>The local files of link and script elements (href or src not starting with a scheme or //).</summary>
    [GeneratedRegex("<(?:link|script)\\b[^>]*\\b(?:href|src)=\"(?!https?:|//|data:)([^\"]+)\"")]
    private static partial Regex LinkedFile();

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : FaviconTests(app);
}
