using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Security;

/// <summary>A user's browser sessions, the rows <see cref="DbTicketStore"/> keeps.</summary>
internal sealed class SignInSessions(ISystemDbContextFactory factory, IOptionsMonitor<CookieAuthenticationOptions> cookieOptions)
{
    // The cookie handler's claim that carries the session key inside the cookie; the stored ticket does not have it.
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    /// <summary>Ends every session of the user except the one this request came with (deleting the row ends it on every node).</summary>
    public async Task<int> EndOthersAsync(HttpContext context, string userId)
    {
        var current = CurrentKey(context);
        await using var db = factory.CreateDbContext();
        return await db.UserSessions.Where(s => s.UserId == userId && s.Id != current).ExecuteDeleteAsync();
    }

    /// <summary>The session key of this request's cookie, or an empty string when it has none.</summary>
    private string CurrentKey(HttpContext context)
    {
        var options = cookieOptions.Get(IdentityConstants.ApplicationScheme);
        var cookie = options.CookieManager.GetRequestCookie(context, options.Cookie.Name!);
        var ticket = string.IsNullOrEmpty(cookie) ? null : options.TicketDataFormat.Unprotect(cookie);
        return ticket?.Principal.FindFirst(SessionIdClaim)?.Value ?? string.Empty;
    }
}
