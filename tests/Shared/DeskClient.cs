using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace PartyCardIntake.Tests.Shared;

/// <summary>What a desk's browser sends: the station choice, and the multipart capture with its token.</summary>
public static partial class DeskClient
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] Fixture(string name) => File.ReadAllBytes(FixturePath(name));

    /// <summary>Chooses the first site and device offered, as an officer does at the start of a day.</summary>
    public static async Task ChooseStationAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/desk/station");
        var option = StationOption().Match(page);
        if (!option.Success)
        {
            throw new InvalidOperationException("The desk offered no station.");
        }

        using var response = await client.PostAsync("/desk/station", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(page),
            ["_handler"] = "desk-station",
            ["Station"] = option.Groups[1].Value,
        }));
        if ((int)response.StatusCode >= 400)
        {
            throw new InvalidOperationException($"Choosing the station failed: {(int)response.StatusCode}.");
        }
    }

    /// <summary>Posts a capture for a member, with the token of the member's desk page.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client,
        int memberId,
        Guid idempotencyKey,
        byte[]? photo,
        byte[]? signature,
        string? strokes,
        string? token = null)
    {
        token ??= await TokenAsync(client);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new StringContent(idempotencyKey.ToString()), "idempotencyKey");
        if (photo is not null)
        {
            var part = new ByteArrayContent(photo);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(part, "photo", "photo.jpg");
        }

        if (signature is not null)
        {
            var part = new ByteArrayContent(signature);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(part, "signature", "signature.png");
        }

        if (strokes is not null)
        {
            content.Add(new StringContent(strokes), "strokes");
        }

        // As desk.js: JSON asked for, so that a failure before the handler still comes back as problem details.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/desk/members/{memberId}/submit") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await client.SendAsync(request);
    }

    /// <summary>The antiforgery token of this user, from the desk's station form (the desk itself runs in a circuit).</summary>
    public static async Task<string> TokenAsync(HttpClient client) =>
        SignInClient.AntiforgeryToken(await client.GetStringAsync("/desk/station"));

    [GeneratedRegex("<option value=\"([0-9]+:[0-9]+)\"")]
    private static partial Regex StationOption();
}
