using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.Audit;

/// <summary>What the route's "id" value names, for the audit entry's member.</summary>
public enum AuditRouteId
{
    None,
    Member,
    Application,
}

/// <summary>
/// Marks a page or endpoint whose use is written to the audit trail once the response is made
/// (see <see cref="AuditMiddleware"/>). On a component: <c>@attribute [Audited(AuditAction.ViewMember, AuditRouteId.Member)]</c>;
/// on an endpoint: <c>.WithMetadata(new AuditedAttribute(AuditAction.Export))</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class AuditedAttribute(AuditAction action, AuditRouteId routeId = AuditRouteId.None) : Attribute
{
    public AuditAction Action { get; } = action;

    public AuditRouteId RouteId { get; } = routeId;
}
