using Microsoft.AspNetCore.Authorization;
using PartyCardIntake.Infrastructure.Audit;

namespace PartyCardIntake.Web.Features.Audit;

internal static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddSingleton<AuditChain>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        return services;
    }
}
