using Microsoft.AspNetCore.Authorization;
using PartyCardIntake.Infrastructure.Audit;

namespace PartyCardIntake.Web.Features.Audit;

internal static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditChain>();
        services.Configure<AuditAnchorOptions>(configuration.GetSection(AuditAnchorOptions.Section));
        services.AddSingleton<AuditAnchorFile>();
        services.AddSingleton<AuditAnchorWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditAnchorWriter>());
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        return services;
    }
}
