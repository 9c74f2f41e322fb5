namespace PartyCardIntake.Web.Hosting;

/// <summary>Browser protections on every response, and no caching of anything that may carry personal data.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>
    /// No inline script anywhere. Each source is explained in docs/operations.md ("Headers on every response"):
    /// style-src-elem 'unsafe-inline' for the &lt;style&gt; elements MudBlazor writes (its theme's variables, and one per
    /// snackbar with a random @keyframes name, which no hash can name); style-src-attr 'unsafe-inline' for the style
    /// attributes it sets (popover positions, widths); img-src data: for icons inlined in style sheets, blob: for the
    /// camera and signature previews; connect-src 'self' carries the circuit's WebSocket (same origin).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; style-src-attr 'unsafe-inline'; "
        + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!IsStaticFile(context.Request.Path))
            {
                // Every page and endpoint is per user, and most show personal data: nothing may be kept.
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        }, context);

        return next(context);
    }

    /// <summary>Public files under wwwroot and the packages' assets; they never carry personal data.</summary>
    public static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework")
        || path.Equals("/favicon.svg", StringComparison.OrdinalIgnoreCase) || path.Equals("/favicon.ico", StringComparison.OrdinalIgnoreCase)
        || (path.StartsWithSegments("/Features") && path.Value!.EndsWith(".razor.js", StringComparison.Ordinal));
}
