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
using PartyCardIntake.Web.Features.Account;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.Home;
using PartyCardIntake.Web.Features.Members;
using PartyCardIntake.Web.Security;

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

        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Vietnamese is the neutral language of the resources; an English UI adds Ui.en.resx and "en" here.
            var vietnamese = new CultureInfo("vi-VN");
            o.DefaultRequestCulture = new RequestCulture(vietnamese);
            o.SupportedCultures = [vietnamese];
            o.SupportedUICultures = [vietnamese];
        });

        services.AddScoped<CurrentUser>();
        services.AddScoped<IDataScopeAccessor>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<ProgressQueries>();
        services.AddScoped<MemberQueries>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<MemberAdmin>();
        services.AddScoped<MemberHistory>();
        services.AddScoped<MemberExportQueries>();
        services.AddScoped<MemberExport>();
        services.AddScoped<PartyCardIntake.Web.Features.Worklist.WorklistQueries>();
        services.AddScoped<PartyCardIntake.Web.Features.Cells.CellQueries>();
        services.AddScoped<PartyCardIntake.Web.Features.Sites.SiteService>();
        services.AddScoped<PartyCardIntake.Web.Features.Planning.PlanningService>();
        services.AddScoped<PartyCardIntake.Web.Features.Planning.ScheduleEditor>();
        services.AddScoped<PartyCardIntake.Web.Features.Planning.ScheduleCalendar>();
        services.AddPdfRenderer(builder.Configuration);
        services.AddScoped<PartyCardIntake.Web.Components.Print.ComponentHtml>();
        services.AddScoped<PartyCardIntake.Web.Features.Planning.NoticeQueries>();
        services.AddScoped<PartyCardIntake.Web.Features.Campaign.CampaignService>();
        services.AddScoped<PartyCardIntake.Web.Features.Users.UserQueries>();
        services.AddScoped<PartyCardIntake.Web.Features.Users.UserAdmin>();
        services.AddScoped<PartyCardIntake.Web.Features.HomeVisits.HomeVisitQueries>();
        services.AddScoped<PartyCardIntake.Web.Features.HomeVisits.HomeVisitService>();
        services.AddScoped<PartyCardIntake.Web.Features.Review.ReviewQueries>();
        services.AddScoped<PartyCardIntake.Web.Features.Review.ReviewDecisions>();
        services.AddScoped<PartyCardIntake.Web.Features.Review.AutoApprovalSetting>();
        services.AddScoped<PartyCardIntake.Web.Features.Transmissions.TransmissionService>();
        services.AddScoped<PartyCardIntake.Web.Features.Transmissions.TransmissionQueries>();
        services.AddScoped<PartyCardIntake.Web.Features.Reports.DailyReportService>();
        services.AddScoped<PartyCardIntake.Web.Features.Reports.ProvinceDashboardService>();
        services.Configure<PartyCardIntake.Infrastructure.Import.ImportLimits>(builder.Configuration.GetSection(PartyCardIntake.Infrastructure.Import.ImportLimits.Section));
        services.AddScoped<PartyCardIntake.Web.Features.Import.ImportService>();
        services.AddSingleton<PartyCardIntake.Web.Features.Import.ImportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<PartyCardIntake.Web.Features.Import.ImportWorker>());
        services.AddAuditTrail(builder.Configuration);
        AddDesk(builder);
        services.AddPreCheck(builder.Configuration);
        services.AddRetention(builder.Configuration);

        AddIdentity(builder);
        builder.AddAccountSecurity();
        builder.AddPartyCardHttpSecurity();
    }

    /// <summary>True when the mock registry is served by this application (demo mode, unless an address is set).</summary>
    public static bool UsesBuiltInRegistry(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["Registry:BaseAddress"])
        && (configuration.GetValue<bool>("Demo:Enabled") || configuration.GetValue<bool>("Registry:UseBuiltInMock"));

    private static void AddDesk(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<VerificationOptions>(builder.Configuration.GetSection(VerificationOptions.Section));
        services.Configure<MediaOptions>(builder.Configuration.GetSection(MediaOptions.Section));
        services.AddScoped<DeskSession>();
        services.AddScoped<DeskQueries>();
        services.AddScoped<ArrivalService>();
        services.AddScoped<DeskSubmission>();
        services.AddTransient<RegistryCheckService>();
        services.AddHostedService<VerificationWorker>();
        services.AddPopulationRegistry(builder.Configuration);
        if (UsesBuiltInRegistry(builder.Configuration))
        {
            services.AddMockRegistry(builder.Configuration);
            services.AddSingleton<IRegistryAddressProvider, BuiltInRegistryAddress>();
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration["Registry:BaseAddress"]))
        {
            // Checking members against invented data would be worse than not starting.
            throw new InvalidOperationException("Registry:BaseAddress is required outside demo mode (or set Registry:UseBuiltInMock=true for a test installation).");
        }
    }

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
