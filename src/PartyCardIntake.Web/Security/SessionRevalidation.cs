using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Security;

/// <summary>
/// Checks an open circuit's sign-in session against UserSessions every few seconds. The session ends
/// when the row is gone (signed out elsewhere, password reset, sessions ended by an administrator), has
/// expired, or its user is disabled; the circuit then turns anonymous and the page goes to sign-in.
/// While the person works in the circuit, the session's last-seen time moves on as a request would move it.
/// </summary>
internal sealed class SessionRevalidation(
    ILoggerFactory loggerFactory,
    ISystemDbContextFactory factory,
    CurrentUser current,
    TimeProvider clock,
    IOptions<SignInLifetime> lifetime,
    IOptions<CircuitLinkOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        var key = user.FindFirstValue(DbTicketStore.SessionKeyClaim);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (key is null || userId is null)
        {
            return false;
        }

        try
        {
            return await IsStillValidAsync(key, userId, cancellationToken);
        }
        catch (Exception e) when (DbErrors.IsTemporarilyUnavailable(e))
        {
            // The database is away for a moment (decision 0010): nothing can be read or saved meanwhile, so the session
            // is kept until a check can read it, instead of sending an officer mid-capture to sign-in.
            return true;
        }
    }

    private async Task<bool> IsStillValidAsync(string key, string userId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var session = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == key && s.UserId == userId)
            .Select(s => new { s.CreatedAt, s.LastSeenAt, s.ExpiresAt, Disabled = db.Users.Any(u => u.Id == s.UserId && u.DisabledAt != null) })
            .FirstOrDefaultAsync(cancellationToken);
        if (session is null || session.Disabled)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rules = lifetime.Value;
        if (session.ExpiresAt < now || session.CreatedAt + rules.AbsoluteLifetime < now)
        {
            return false;
        }

        // Work in a circuit sends no requests; its events count as use of the session, at most one write a minute.
        var lastUse = current.LastActivityUtc > session.LastSeenAt ? current.LastActivityUtc : session.LastSeenAt;
        if (lastUse + rules.IdleTimeout < now)
        {
            return false;
        }

        if (lastUse - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, lastUse), cancellationToken);
        }

        return true;
    }
}
