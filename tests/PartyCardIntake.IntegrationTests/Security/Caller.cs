using System.Net;
using System.Text;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>A browser-like client of one caller, signed in once and reused for every request of a test.</summary>
public sealed class Caller(Who who, HttpClient client, string token) : IDisposable
{
    public Who Who { get; } = who;

    public HttpClient Client { get; } = client;

    /// <summary>An antiforgery token for this caller's identity, taken from a page it can open.</summary>
    public string Token { get; } = token;

    public static readonly IReadOnlyList<Who> All = [Who.Anonymous, Who.Officer, Who.Lead, Who.Committee, Who.Province, Who.Admin];

    public static string UserName(Who who) => who switch
    {
        Who.Officer => DemoAccounts.Officer,
        Who.Lead => DemoAccounts.Lead,
        Who.Committee => DemoAccounts.Committee,
        Who.Province => DemoAccounts.Province,
        Who.Admin => DemoAccounts.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, "Not a single demo account."),
    };

    public static async Task<Caller> SignInAsync(AppFixture app, Who who)
    {
        var client = app.CreateBrowserClient();
        if (who != Who.Anonymous)
        {
            await SignInClient.SignInAsync(client, UserName(who));
        }

        // A static page with a form: the home page is interactive now and carries no antiforgery token.
        var page = await client.GetStringAsync(who == Who.Anonymous ? "/account/signin" : "/account/password");
        return new Caller(who, client, SignInClient.AntiforgeryToken(page));
    }

    /// <summary>
    /// Sends <paramref name="method"/> to <paramref name="path"/>. Form posts carry the token followed by
    /// <paramref name="form"/> ("a=1&amp;b=2", which may replace the token); API and registry writes send <paramref name="form"/>
    /// as their JSON body, an empty object by default.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(string method, string path, string? form = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method == RouteRule.AnyMethod ? "GET" : method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/mock-registry/", StringComparison.Ordinal)
                ? new StringContent(form ?? "{}", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent(Fields(form));
        }

        return Client.SendAsync(request);
    }

    public Dictionary<string, string> Fields(string? form)
    {
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = Token };
        foreach (var pair in (form ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            fields[WebUtility.UrlDecode(parts[0])] = parts.Length > 1 ? WebUtility.UrlDecode(parts[1]) : string.Empty;
        }

        return fields;
    }

    public void Dispose() => Client.Dispose();
}
