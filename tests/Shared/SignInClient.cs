using System.Net;
using System.Text.RegularExpressions;

namespace PartyCardIntake.Tests.Shared;

/// <summary>Drives the sign-in form the way a browser does: antiforgery token, form post, cookie.</summary>
public static partial class SignInClient
{
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/account/signin");
        var token = AntiforgeryToken(form);
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "signin",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>Signs in and checks that the site sent the user on to the home page.</summary>
    public static async Task SignInAsync(HttpClient client, string userName, string password = PartyCardAppFactory.DemoPassword)
    {
        using var response = await PostSignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} was not accepted: {(int)response.StatusCode}.");
        }
    }

    /// <summary>
    /// Posts a form as its page would (token taken from <paramref name="formPage"/>), expects the usual
    /// redirect after a post, and returns the page it leads to.
    /// </summary>
    public static async Task<string> PostFormAndFollowAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryToken(await client.GetStringAsync(formPage));
        using var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null)
        {
            throw new InvalidOperationException($"Posting {action} answered {(int)response.StatusCode} instead of a redirect.");
        }

        return await client.GetStringAsync(response.Headers.Location);
    }

    /// <summary>Posts the form <paramref name="formName"/> of the page at <paramref name="path"/> as the browser would, with the page's token.</summary>
    public static async Task<HttpResponseMessage> PostPageFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        fields["__RequestVerificationToken"] = AntiforgeryToken(await client.GetStringAsync(path));
        fields["_handler"] = formName;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
