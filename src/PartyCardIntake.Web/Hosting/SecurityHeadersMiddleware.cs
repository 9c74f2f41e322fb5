namespace PartyCardIntake.Web.Hosting;

/// <summary>Browser protections on every response, and no caching of anything that may carry personal data.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, ThemeStyleHashes themeStyles)
{
    /// <summary>
    /// No inline script anywhere, and no inline style element except MudBlazor's theme, allowed by hash.
    /// Each source is explained in docs/security.md ("Content-Security-Policy"):
    /// style-src-attr 'unsafe-inline' for the style attributes MudBlazor sets (popover positions, widths);
    /// img-src data: for icons inlined in style sheets, blob: for the camera and signature previews;
    /// connect-src 'self' carries the circuit's WebSocket (same origin).
    /// </summary>
    public static string Policy(string themeStyleHashes) =>
        "default-src 'self'; script-src 'self'; "
        + $"style-src 'self' {themeStyleHashes}; style-src-elem 'self' {themeStyleHashes}; style-src-attr 'unsafe-inline'; "
        + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public async Task InvokeAsync(HttpContext context)
    {
        var policy = Policy(await themeStyles.SourcesAsync());
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
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
        });

        await next(context);
    }

    /// <summary>Public files under wwwroot and the packages' assets; they never carry personal data.</summary>
    public static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework")
        || path.Equals("/favicon.svg", StringComparison.OrdinalIgnoreCase);
}
