using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Pdf;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Infrastructure.Registry;
using PartyCardIntake.MockRegistry;
using FluentValidation;
using MudBlazor.Services;
using PartyCardIntake.Web.Features.Account;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.Home;
using PartyCardIntake.Web.Features.Members;
using PartyCardIntake.Web.Features.Worklist;
using PartyCardIntake.Web.Features.Users;
using PartyCardIntake.Web.Features.Transmissions;
using PartyCardIntake.Web.Features.Sites;
using PartyCardIntake.Web.Features.Review;
using PartyCardIntake.Web.Features.Retention;
using PartyCardIntake.Web.Features.Reports;
using PartyCardIntake.Web.Features.Planning;
using PartyCardIntake.Web.Features.PreCheck;
using PartyCardIntake.Web.Features.Import;
using PartyCardIntake.Web.Features.FieldKits;
using PartyCardIntake.Web.Features.HomeVisits;
using PartyCardIntake.Web.Features.Cells;
using PartyCardIntake.Web.Features.Campaign;
using PartyCardIntake.Web.Features.Api;
using PartyCardIntake.Web.Features.FieldMode;
using PartyCardIntake.Web.Security;
using PartyCardIntake.Web.Hosting.OpenApi;

namespace PartyCardIntake.Web.Hosting;

internal static class WebServiceCollectionExtensions
{
    /// <summary>Name of the authentication scheme that picks cookie or bearer token per request.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static void AddPartyCardWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<VietnamTime>();

        // Background work that must run once across the web nodes takes a lease in the database first.
        services.AddSingleton<WorkerLeases>();
        services.Configure<NodeOptions>(builder.Configuration.GetSection(NodeOptions.Section));
        services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));

        // Vietnamese must reach the browser as UTF-8 text, not as numeric entities.
        var encoder = HtmlEncoder.Create(UnicodeRanges.All);
        services.AddSingleton(encoder);
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        // blazor.web.js and MudBlazor's files live in their packages until publish; ./run.sh and the tests run the build output.
        builder.WebHost.UseStaticWebAssets();
        services.AddRazorComponents()
            .AddInteractiveServerComponents(o => o.DetailedErrors = builder.Environment.IsDevelopment());
        services.AddOptions<CircuitLinkOptions>().Bind(builder.Configuration.GetSection(CircuitLinkOptions.Section));
        services.AddOptions<Microsoft.AspNetCore.Components.Server.CircuitOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<CircuitLinkOptions>>((o, link) =>
            {
                o.DisconnectedCircuitRetentionPeriod = link.Value.DisconnectedRetention;
                o.DisconnectedCircuitMaxRetained = link.Value.MaxRetainedDisconnected;
                o.PersistedCircuitInMemoryRetentionPeriod = link.Value.PersistedRetention;
            });
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitUserHandler>();
        services.AddHttpContextAccessor();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        services.AddTransient<MudBlazor.MudLocalizer, Components.Shell.VietnameseMudLocalizer>();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddProblemDetails();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        // Strict JSON: a number given as text is a wrong type, and binding failures are thrown so that
        // ApiProblems can name the field (pages keep their bare 400).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddPartyCardOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Vietnamese is the neutral language of the resources; an English UI adds Ui.en.resx and "en" here.
            // Only vi-VN is offered, so the browser's language never changes dates, times or numbers.
            var vietnamese = new CultureInfo("vi-VN");
            o.DefaultRequestCulture = new RequestCulture(vietnamese);
            o.SupportedCultures = [vietnamese];
            o.SupportedUICultures = [vietnamese];
        });

        services.AddScoped<CurrentUser>();
        services.AddScoped<IDataScopeAccessor>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddPdfRenderer(builder.Configuration);
        services.AddScoped<PartyCardIntake.Web.Components.Print.ComponentHtml>();

        AddIdentity(builder);
        builder.AddPartyCardHttpSecurity();

        // The features, each from its own folder.
        builder
            .AddAccount()
            .AddAudit()
            .AddApi()
            .AddHome()
            .AddMembers()
            .AddImport()
            .AddPreCheck()
            .AddWorklist()
            .AddCells()
            .AddSites()
            .AddPlanning()
            .AddDesk()
            .AddHomeVisits()
            .AddFieldKits()
            .AddReview()
            .AddTransmissions()
            .AddReports()
            .AddCampaign()
            .AddUsers()
            .AddRetention()
            .AddFieldMode();
    }

    /// <summary>True when the mock registry is served by this application (demo mode, unless an address is set).</summary>
    public static bool UsesBuiltInRegistry(IConfiguration configuration) =>
        !FieldModeSwitch.IsOn(configuration)
        && string.IsNullOrWhiteSpace(configuration["Registry:BaseAddress"])
        && (configuration.GetValue<bool>("Demo:Enabled") || configuration.GetValue<bool>("Registry:UseBuiltInMock"));

    private static void AddIdentity(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Keys in the database: every node reads the same ring, and a restart keeps people signed in.
        services.AddDataProtection()
            .SetApplicationName("PartyCardIntake")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(o =>
            {
                // Length over composition rules; see docs/decisions/0003-sign-in-and-sessions.md.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;

                // "Confirmed" means "not disabled by an Admin" (EnabledUserConfirmation): a disabled user gets NotAllowed.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddUserConfirmation<EnabledUserConfirmation>()
            .AddDefaultTokenProviders();

        services.Configure<SignInLifetime>(builder.Configuration.GetSection(SignInLifetime.Section));
        services.AddSingleton<DbTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DbTicketStore>((o, store) =>
            {
                o.SessionStore = store;
                o.Cookie.Name = HttpSecurityExtensions.SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.LoginPath = "/account/signin";
                o.LogoutPath = "/account/signout";
                o.AccessDeniedPath = "/account/denied";
                o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            });

        services.AddAuthorization(Policies.Add);
    }

    /// <summary>Scripts calling the API get a status code, people get the sign-in page.</summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
