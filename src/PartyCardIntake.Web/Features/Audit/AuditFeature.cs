namespace PartyCardIntake.Web.Features.Audit;

/// <summary>The audit trail: writing, anchoring and the administrator's log page.</summary>
internal static class AuditFeature
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuditTrail(builder.Configuration);
        return builder;
    }

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        // The audit log page; entries are written by AuditMiddleware and the services.
    }
}
