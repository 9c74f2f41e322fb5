using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Users;

public sealed record UserFilter(string? Search, int? CommuneId, string? Role, int Page, int PageSize = UserQueries.PageSize);

public sealed record UserSummary(
    string Id,
    string UserName,
    string DisplayName,
    IReadOnlyList<string> Roles,
    int? CommuneId,
    string? CommuneName,
    DateTime? DisabledAt,
    bool LockedOut,
    bool MustChangePassword,
    bool TwoFactorEnabled)
{
    public string? Role => Roles.Count > 0 ? Roles[0] : null;

    public bool IsActive => DisabledAt is null && !LockedOut && !MustChangePassword;
}

public sealed record UserList(IReadOnlyList<UserSummary> Users, int Page, int PageCount, int Total);

public sealed record CommuneOption(int Id, string Name);

/// <summary>
/// The users an Admin manages: those of their own province. Identity tables carry no scope filter, so the province is
/// applied here; a user of another province is not found, like one that does not exist.
/// </summary>
public sealed class UserQueries(IDbContextFactory<AppDbContext> factory, CurrentUser current, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<CommuneOption>> CommunesAsync(CancellationToken cancellationToken = default)
    {
        if (!current.IsInRole(AppRoles.Admin) || current.ProvinceId is not { } province)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var communes = await db.Communes.AsNoTracking().Where(c => c.ProvinceId == province)
            .Select(c => new CommuneOption(c.Id, c.Name)).ToListAsync(cancellationToken);
        return communes.OrderBy(c => c.Name, Labels.NameOrder).ToList();
    }

    /// <summary>A province has a few hundred users at most: filtered in memory, so that search ignores diacritics on every provider.</summary>
    public async Task<UserList> ListAsync(UserFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        IEnumerable<UserSummary> users = await LoadAsync(null, cancellationToken);
        if (filter.CommuneId is { } commune)
        {
            users = users.Where(u => u.CommuneId == commune);
        }

        if (!string.IsNullOrWhiteSpace(filter.Role))
        {
            users = users.Where(u => u.Roles.Contains(filter.Role));
        }

        var search = VietnameseText.Fold(filter.Search);
        if (search.Length > 0)
        {
            users = users.Where(u => VietnameseText.Fold(u.UserName).Contains(search, StringComparison.Ordinal)
                || VietnameseText.Fold(u.DisplayName).Contains(search, StringComparison.Ordinal));
        }

        var all = users.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase).ToList();
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var pageCount = Math.Max(1, (all.Count + size - 1) / size);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        return new UserList(all.Skip((page - 1) * size).Take(size).ToList(), page, pageCount, all.Count);
    }

    public async Task<UserSummary?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await LoadAsync(id, cancellationToken)).SingleOrDefault();

    private async Task<List<UserSummary>> LoadAsync(string? id, CancellationToken cancellationToken)
    {
        if (!current.IsInRole(AppRoles.Admin) || current.ProvinceId is not { } province)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var communes = await db.Communes.AsNoTracking().Where(c => c.ProvinceId == province).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var communeIds = communes.Keys.ToList();
        var query = db.Users.AsNoTracking().Where(u => u.ProvinceId == province && (u.CommuneId == null || communeIds.Contains(u.CommuneId.Value)));
        if (id is not null)
        {
            query = query.Where(u => u.Id == id);
        }

        var rows = await query
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.CommuneId,
                u.LockoutEnd,
                u.DisabledAt,
                u.MustChangePassword,
                u.TwoFactorEnabled,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Select(u => new UserSummary(
                u.Id,
                u.UserName ?? string.Empty,
                u.DisplayName,
                u.Roles.Order(StringComparer.Ordinal).ToList(),
                u.CommuneId,
                u.CommuneId is { } c ? communes.GetValueOrDefault(c) : null,
                u.DisabledAt,
                u.LockoutEnd > now,
                u.MustChangePassword,
                u.TwoFactorEnabled))
            .ToList();
    }
}
