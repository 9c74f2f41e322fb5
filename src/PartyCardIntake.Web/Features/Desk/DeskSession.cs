using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;

namespace PartyCardIntake.Web.Features.Desk;

public sealed record DeskStation(int SiteId, string SiteName, int DeviceId, string DeviceName);

public sealed record SiteChoice(int SiteId, string SiteName, IReadOnlyList<(int Id, string Name)> Devices);

/// <summary>
/// The site and device a desk works at, kept in a cookie for the working day. The cookie is only a
/// hint: every read is checked against the user's commune.
/// </summary>
public sealed class DeskSession(IDbContextFactory<AppDbContext> factory, TimeProvider clock, FieldMode.FieldCaptureGate field)
{
    public const string CookieName = "pci.desk";

    /// <summary>
    /// The station this browser chose, from its cookie. The request is the caller's (a static page or an endpoint):
    /// a cookie is read and written in a request, which a circuit does not have.
    /// </summary>
    public async Task<DeskStation?> CurrentAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        var value = context.Request.Cookies[CookieName];
        var parts = value?.Split(':');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var siteId)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var deviceId))
        {
            // A laptop in the field has one station, the kit's.
            return await field.KitStationAsync(cancellationToken) is { } kit ? await FindAsync(kit.SiteId, kit.DeviceId, cancellationToken) : null;
        }

        return await FindAsync(siteId, deviceId, cancellationToken);
    }

    public async Task<DeskStation?> FindAsync(int siteId, int deviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Devices.AsNoTracking()
            .Where(d => d.Id == deviceId && d.IntakeSiteId == siteId && d.IsActive)
            .Select(d => new DeskStation(d.IntakeSiteId, d.IntakeSite!.Name, d.Id, d.Name))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SiteChoice>> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var devices = await db.Devices.AsNoTracking()
            .Where(d => d.IsActive)
            .OrderBy(d => d.IntakeSite!.Name).ThenBy(d => d.Name)
            .Select(d => new { d.IntakeSiteId, Site = d.IntakeSite!.Name, d.Id, d.Name })
            .ToListAsync(cancellationToken);
        return devices
            .GroupBy(d => (d.IntakeSiteId, d.Site))
            .Select(g => new SiteChoice(g.Key.IntakeSiteId, g.Key.Site, g.Select(d => (d.Id, d.Name)).ToList()))
            .ToList();
    }

    public void Remember(HttpContext context, DeskStation station)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(station);
        context.Response.Cookies.Append(CookieName, $"{station.SiteId}:{station.DeviceId}", new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Expires = clock.GetUtcNow().AddHours(18),
        });
    }
}
