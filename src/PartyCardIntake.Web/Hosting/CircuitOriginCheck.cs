namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// The circuits' endpoint (<c>/_blazor</c>: negotiate and the WebSocket) answers only pages of this site. A
/// WebSocket is not bound by the same-origin rule and the session cookie (SameSite=Lax) goes with a foreign
/// page's upgrade request too, so a page on another site could otherwise open a circuit in the user's name.
/// Browsers always send Origin on these requests; a request without one is not a browser's and is let through
/// to the hub, which then needs the circuit's protected descriptor anyway.
/// </summary>
internal sealed class CircuitOriginCheck(RequestDelegate next, ILogger<CircuitOriginCheck> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/_blazor")
            && context.Request.Headers.Origin is { Count: > 0 } origin
            && !IsOwn(context.Request, origin.ToString()))
        {
            logger.LogWarning("Circuit request from a foreign origin refused");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>
    /// Same scheme and host name; the port too when the Host header names one (nginx passes <c>$host</c>, which has
    /// no port, while the browser's Origin has the port it used).
    /// </summary>
    internal static bool IsOwn(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
        && (request.Host.Port is not { } port || port == uri.Port);
}
