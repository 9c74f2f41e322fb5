using System.Net;

namespace PartyCardIntake.IntegrationTests.Security;

public enum Outcome
{
    /// <summary>The request reached its handler (any answer of the handler's own, even "not found" or "bad form").</summary>
    Allowed,

    /// <summary>Authorization stopped it: sign-in or access-denied redirect, or 401/403 from the API.</summary>
    Denied,

    /// <summary>The handler failed (5xx): neither a clear yes nor a clear no.</summary>
    Failed,
}

public static class Outcomes
{
    public static Outcome Of(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return Outcome.Failed;
        }

        // Only the API answers a refusal with a status; a page's own 403 (the "no access" page) is its answer.
        var api = response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) == true;
        if (api && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return Outcome.Denied;
        }

        return IsAuthRedirect(response) ? Outcome.Denied : Outcome.Allowed;
    }

    /// <summary>The cookie scheme's answer to a person: off to sign in, or to the "no access" page.</summary>
    public static bool IsAuthRedirect(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
        {
            return false;
        }

        // The challenge always names the page to return to; a handler's own redirect to sign-in (after signing out) does not.
        var text = location.OriginalString;
        var path = location.IsAbsoluteUri ? location.AbsolutePath : text.Split('?')[0];
        return path == "/account/denied" || (path == "/account/signin" && text.Contains("ReturnUrl=", StringComparison.Ordinal));
    }

    /// <summary>Short text for a failure message.</summary>
    public static string Describe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.Location is { } location ? $"{(int)response.StatusCode} → {location}" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
