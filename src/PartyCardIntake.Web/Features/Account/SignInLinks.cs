namespace PartyCardIntake.Web.Features.Account;

internal static class SignInLinks
{
    // Only paths on this site, never "//host" or "/\host", so the sign-in pages cannot be used to redirect elsewhere.
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
