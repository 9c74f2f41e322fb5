using System.Globalization;
using System.Security.Claims;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Web.Security;

/// <summary>The signed-in user of the current request, read from the claims of the cookie or token.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : IDataScopeAccessor
{
    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public string UserName => Principal.Identity?.Name ?? string.Empty;

    public string DisplayName => Principal.FindFirstValue(ScopeClaims.DisplayName) ?? UserName;

    public int? CommuneId => ReadInt(ScopeClaims.Commune);

    public int? ProvinceId => ReadInt(ScopeClaims.Province);

    public IReadOnlyList<string> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <summary>Commune users see their commune; province users their province; anyone else nothing.</summary>
    public DataScope Current =>
        !IsAuthenticated ? DataScope.Nobody
        : CommuneId is { } commune ? DataScope.ForCommune(commune, ProvinceId)
        : ProvinceId is { } province ? DataScope.ForProvince(province)
        : DataScope.Nobody;

    private int? ReadInt(string type) =>
        int.TryParse(Principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
