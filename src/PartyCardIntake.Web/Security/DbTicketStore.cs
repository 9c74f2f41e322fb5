using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Security;

/// <summary>
/// Keeps sign-in sessions in the database. Signing out deletes the row, so a copied cookie is
/// worthless afterwards, and any web node can serve any request. The idle timeout and the absolute
/// lifetime are decided here, from the row, whatever the cookie says.
/// </summary>
internal sealed class DbTicketStore(ISystemDbContextFactory factory, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SignInLifetime> options) : ITicketStore
{
    /// <summary>
    /// The session's key, added to the principal read from the row (a copy saved back on renewal is replaced when read): a circuit started
    /// from this request carries it, so that <see cref="SessionRevalidation"/> can check the same row.
    /// </summary>
    public const string SessionKeyClaim = "pci:session";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var db = factory.CreateDbContext();

        // Sign-ins are rare enough to sweep expired sessions on the way.
        await db.UserSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.UserSessions.Add(new UserSession
        {
            Id = key,
            UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime,
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var db = factory.CreateDbContext();
        var ticketBytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        var now = clock.GetUtcNow().UtcDateTime;
        // Signing in as someone else from a signed-in browser renews the same row: it must name the new user.
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.UserId, userId)
            .SetProperty(s => s.Ticket, ticketBytes)
            .SetProperty(s => s.ExpiresAt, expires)
            .SetProperty(s => s.LastSeenAt, now));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var db = factory.CreateDbContext();
        var session = await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        if (session is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rules = options.Value;
        if (session.ExpiresAt < now || session.LastSeenAt + rules.IdleTimeout < now || session.CreatedAt + rules.AbsoluteLifetime < now)
        {
            await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
            return null;
        }

        // At most one write a minute per session: enough to measure idleness in minutes.
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now));
        }

        var ticket = TicketSerializer.Default.Deserialize(session.Ticket);
        if (ticket?.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var stale in identity.FindAll(SessionKeyClaim).ToList())
            {
                identity.RemoveClaim(stale);
            }

            identity.AddClaim(new Claim(SessionKeyClaim, key));
        }

        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = factory.CreateDbContext();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }
}
