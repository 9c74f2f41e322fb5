namespace PartyCardIntake.Web.Hosting;

/// <summary>Browser protections on every response, and no caching of anything that may carry personal data.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // No inline script or style anywhere: page scripts live in wwwroot/js, htmx's indicator style in site.css.
    // img-src data: for Bootstrap's inline SVG icons in its CSS, blob: for the camera and signature previews.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

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

    /// <summary>Public files under wwwroot; they never carry personal data.</summary>
    public static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
        || path.Equals("/favicon.ico", StringComparison.OrdinalIgnoreCase);
}
