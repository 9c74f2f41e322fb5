using System.Globalization;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Hosting;

/// <summary>Transport security, cookies and rate limits; see the "HTTP security" section of docs/operations.md.</summary>
internal static class HttpSecurityExtensions
{
    public const string SessionCookie = "pci.session";
    public const string SecureSessionCookie = "__Host-pci.session";
    public const string SecureAntiforgeryCookie = "__Host-pci.antiforgery";

    public static void AddPartyCardHttpSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var https = SecurityOptions.HttpsRequired(builder.Configuration, builder.Environment);

        // nginx on the same machine terminates TLS; the loopback proxy is trusted, others only when configured.
        // nginx passes the Host header on unchanged, so X-Forwarded-Host is not needed and not honoured.
        var proxies = ProxyTrust.From(builder.Configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ApplyTo(o);
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });

        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            if (https)
            {
                o.Cookie.Name = SecureAntiforgeryCookie;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.Path = "/";
            }
        });

        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            if (https)
            {
                // __Host- makes the browser refuse the cookie unless it is Secure, for this host only, path /.
                o.Cookie.Name = SecureSessionCookie;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.Path = "/";
                o.Cookie.Domain = null;
            }
        });

        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            o.OnRejected = RejectAsync;
        });
    }

    public static void UsePartyCardHttpSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (SecurityOptions.HttpsRequired(app.Configuration, app.Environment))
        {
            if (!app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }

            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<CircuitOriginCheck>();
    }

    /// <summary>
    /// Refuses a form whose antiforgery token is missing or stale before any endpoint runs: an endpoint that
    /// does not read a form would otherwise act on it, and one that binds a form would fail with an error 500.
    /// </summary>
    public static void UseAntiforgeryRefusal(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(title: Ui.Form_Expired, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
                return;
            }

            await WriteNoticeAsync(context, Ui.Form_Expired, Ui.Security_FormExpired_Detail, "/", Ui.Security_BackHome, context.RequestAborted);
            return;
        }

        await next(context);
    });

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        var request = context.Request;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsPost(request.Method)
            && (request.Path.Equals("/account/signin", StringComparison.OrdinalIgnoreCase)
                || request.Path.Equals("/account/signin/code", StringComparison.OrdinalIgnoreCase)
                || request.Path.Equals("/api/v1/auth/token", StringComparison.OrdinalIgnoreCase)))
        {
            // All ways in share one budget, so that guessing cannot switch to another.
            return PerMinute("signin:" + address, limits.SignInPerMinute);
        }

        if (request.Path.StartsWithSegments("/api/v1"))
        {
            var user = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? "user:" + name : "ip:" + address;
            return PerMinute("api:" + user, limits.ApiPerMinute);
        }

        return RateLimitPartition.GetNoLimiter(string.Empty);
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = string.Format(CultureInfo.CurrentCulture, Ui.Security_TooManyRequests_Detail, seconds);
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(title: Ui.Security_TooManyRequests_Title, detail: detail, statusCode: StatusCodes.Status429TooManyRequests)
                .ExecuteAsync(context);
            return;
        }

        await WriteNoticeAsync(context, Ui.Security_TooManyRequests_Title, detail, "/account/signin", Ui.Security_TooManyRequests_Back, cancellationToken);
    }

    /// <summary>A plain page of its own: these answers come before any component could render one.</summary>
    private static async Task WriteNoticeAsync(HttpContext context, string title, string detail, string link, string linkText, CancellationToken cancellationToken)
    {
        var html = context.RequestServices.GetRequiredService<HtmlEncoder>();
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8" /><title>{html.Encode(title)}</title>
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <link rel="icon" href="/favicon.ico" sizes="32x32" /><link rel="icon" href="/favicon.svg" type="image/svg+xml" />
            <link rel="stylesheet" href="/css/notice.css" /></head>
            <body><main><div class="notice" role="alert"><h1>{html.Encode(title)}</h1>
            <p>{html.Encode(detail)}</p><p><a href="{link}">{html.Encode(linkText)}</a></p></div></main></body></html>
            """,
            cancellationToken);
    }
}
