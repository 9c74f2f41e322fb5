using System.Globalization;
using System.Security.Claims;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Web.Features.Audit;

/// <summary>Who an audit entry is about: the signed-in user, or a user known only by the sign-in being made.</summary>
public sealed record AuditActor(string? UserName, string? Role, int? CommuneId, int? ProvinceId)
{
    public static AuditActor Anonymous { get; } = new(null, null, null, null);

    public static AuditActor From(AppUser user, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.UserName, Join(roles), user.CommuneId, user.ProvinceId);
    }

    public static AuditActor From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        return new(
            principal.Identity.Name,
            Join(principal.FindAll(ClaimTypes.Role).Select(c => c.Value)),
            Read(principal, ScopeClaims.Commune),
            Read(principal, ScopeClaims.Province));
    }

    private static string? Join(IEnumerable<string> roles)
    {
        var text = string.Join(',', roles.Order(StringComparer.Ordinal));
        return text.Length == 0 ? null : text;
    }

    private static int? Read(ClaimsPrincipal principal, string type) =>
        int.TryParse(principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
