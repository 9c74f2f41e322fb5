using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;

namespace PartyCardIntake.Web.Features.Home;

public sealed record UserRow(string UserName, string DisplayName, IReadOnlyList<string> Roles, string Scope, bool LockedOut);

/// <summary>The accounts of one province (its own and its communes'), for the administrator.</summary>
public sealed class UserDirectory(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ForProvinceAsync(int provinceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        // Identity tables carry no scope filter, so the province is applied here explicitly.
        var communes = await db.Communes.AsNoTracking()
            .Where(c => c.ProvinceId == provinceId)
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var province = await db.Provinces.AsNoTracking().Where(p => p.Id == provinceId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
        var communeIds = communes.Keys.ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => u.ProvinceId == provinceId || (u.CommuneId != null && communeIds.Contains(u.CommuneId.Value)))
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.UserName,
                u.DisplayName,
                u.CommuneId,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return users
            .Select(u => new UserRow(
                u.UserName ?? string.Empty,
                u.DisplayName,
                u.Roles,
                u.CommuneId is { } c ? communes.GetValueOrDefault(c, string.Empty) : province,
                u.LockoutEnd > now))
            .ToList();
    }
}
