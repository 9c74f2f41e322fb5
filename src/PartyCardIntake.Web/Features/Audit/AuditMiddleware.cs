using System.Globalization;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.Web.Features.Audit;

/// <summary>
/// Records the use of pages and endpoints marked <see cref="AuditedAttribute"/>, and every form post or
/// API write of a signed-in user as a change. Runs after authorization: refusals are recorded by
/// <see cref="AuditingAuthorizationResultHandler"/>. The entry names the path (ID numbers masked, no query
/// string except the report's commune and date) and the status, so an attempt that failed reads as such.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, ILogger<AuditMiddleware> logger)
{
    private static readonly string[] KeptQueryKeys = ["commune", "date"];

    public async Task InvokeAsync(HttpContext context, AuditLog audit)
    {
        var endpoint = context.GetEndpoint();
        var marked = endpoint?.Metadata.GetMetadata<AuditedAttribute>();
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        await next(context);

        var note = AuditNote.Of(context);
        var action = note?.Action
            ?? marked?.Action
            ?? (endpoint is not null && signedIn && IsWrite(context.Request.Method) && !IsCircuitTransport(context.Request.Path) ? AuditAction.Change : (AuditAction?)null);
        if (action is null)
        {
            return;
        }

        try
        {
            var memberId = await MemberIdAsync(context, marked, audit);
            await audit.RecordAsync(action.Value, memberId, Target(context, context.Response.StatusCode, note?.Text), cancellationToken: CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The response is already made; an operator must hear that the trail missed an entry.
            logger.LogError(e, "Audit entry {Action} for {Path} could not be written", action, context.Request.Path.Value);
        }
    }

    internal static string Target(HttpContext context, int status, string? note = null)
    {
        var target = $"{context.Request.Method} {IdNumberMask.Apply(context.Request.Path.Value)}";
        foreach (var key in KeptQueryKeys)
        {
            if (context.Request.Query.TryGetValue(key, out var value) && value.ToString() is { Length: > 0 and <= 20 } text && !text.Any(char.IsLetter))
            {
                target += $" {key}={text}";
            }
        }

        if (!string.IsNullOrEmpty(note))
        {
            target += " " + note;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{target} → {status}");
    }

    private static async Task<int?> MemberIdAsync(HttpContext context, AuditedAttribute? marked, AuditLog audit)
    {
        var id = context.GetRouteValue("id")?.ToString();
        if (id is null)
        {
            return null;
        }

        // Unmarked writes name a member where the route is a member's own or one of their applications.
        var path = context.Request.Path;
        var kind = marked?.RouteId
            ?? (path.StartsWithSegments("/members") || path.StartsWithSegments("/desk/members") ? AuditRouteId.Member
                : path.StartsWithSegments("/review") ? AuditRouteId.Application
                : AuditRouteId.None);
        return kind switch
        {
            AuditRouteId.Member => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var member) ? member : null,
            AuditRouteId.Application => Guid.TryParse(id, out var application) ? await audit.MemberOfApplicationAsync(application) : null,
            _ => null,
        };
    }

    /// <summary>
    /// The circuits' own requests (negotiate, disconnect) change nothing; what a person does inside a circuit is
    /// audited by the feature services it calls.
    /// </summary>
    private static bool IsCircuitTransport(PathString path) => path.StartsWithSegments("/_blazor");

    private static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsPatch(method);
}
