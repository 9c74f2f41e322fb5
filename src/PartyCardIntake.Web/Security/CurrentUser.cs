using System.Globalization;
using System.Security.Claims;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Web.Security;

/// <summary>
/// The signed-in user of the current request or circuit. In a request it is read from the cookie's or
/// token's claims; in a circuit, from the circuit's authentication state, which <see cref="CircuitUserHandler"/>
/// sets before every inbound event. A circuit never falls back to the HttpContext: there is none that
/// belongs to it (decision 0013).
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : IDataScopeAccessor
{
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    private ClaimsPrincipal? circuitUser;

    /// <summary>True once this scope belongs to a circuit.</summary>
    public bool InCircuit { get; private set; }

    /// <summary>The browser's address as the request that opened the circuit saw it (after forwarded headers).</summary>
    public string? ClientAddress => InCircuit ? circuitAddress : accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private string? circuitAddress;

    /// <summary>When the person last did something in this circuit (a click, a key); used to keep the session alive.</summary>
    public DateTime LastActivityUtc { get; private set; }

    public ClaimsPrincipal Principal => InCircuit ? circuitUser ?? Nobody : accessor.HttpContext?.User ?? Nobody;

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

    internal void SetCircuitUser(ClaimsPrincipal user)
    {
        InCircuit = true;
        circuitUser = user;
    }

    internal void SetCircuitAddress(string? address)
    {
        InCircuit = true;
        circuitAddress ??= address;
    }

    internal void MarkActivity(DateTime utcNow) => LastActivityUtc = utcNow;

    private int? ReadInt(string type) =>
        int.TryParse(Principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
