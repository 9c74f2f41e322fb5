using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.Audit;

/// <summary>
/// Records every refusal of a signed-in user (the cookie's redirect to /account/denied and the API's 403
/// both start here), then lets the default handler answer as before.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler(ILogger<AuditingAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            try
            {
                var audit = context.RequestServices.GetRequiredService<AuditLog>();
                await audit.RecordAsync(AuditAction.AccessDenied, target: AuditMiddleware.Target(context, StatusCodes.Status403Forbidden));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Audit entry for a refused request could not be written");
            }
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
