using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting.OpenApi;
using PartyCardIntake.Web.Features.Account;
using PartyCardIntake.Web.Features.Api;
using PartyCardIntake.Web.Features.Desk;
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
using PartyCardIntake.Web.Features.Home;
using PartyCardIntake.Web.Features.Cells;
using PartyCardIntake.Web.Features.Campaign;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.FieldMode;

namespace PartyCardIntake.Web.Hosting;

internal static class PipelineExtensions
{
    public static void UsePartyCardPipeline(this WebApplication app)
    {
        app.UsePartyCardHttpSecurity();
        var node = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NodeOptions>>().Value;
        var holder = app.Services.GetRequiredService<PartyCardIntake.Infrastructure.Database.WorkerLeases>().Holder;

        // Operators match the holder in table WorkerLeases with this line.
        app.Logger.LogInformation("Node {Node}, worker lease holder {Holder}", NodeHeaderMiddleware.ShortName(node.Name, holder), holder);
        if (node.SendNameHeader)
        {
            app.UseMiddleware<NodeHeaderMiddleware>();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UsePartyCardRequestLogging();
        // People get the Vietnamese not-found page; the API keeps its own status codes. Re-executing an
        // API POST as a page would fail the page's antiforgery check and turn a 403 into a 400.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        app.UseRequestLocalization();
        app.UseMiddleware<ApiProblems>();

        // Static files are public (libraries, styles); they never carry personal data.
        // Their names carry no version, so browsers keep them for an hour only.
        app.MapStaticAssets().AllowAnonymous();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "public, max-age=3600" });
        app.UseAuthentication();
        app.UseMiddleware<Security.BearerUserCheck>();
        app.UseMiddleware<Security.PasswordChangeGate>();
        app.UseFieldMode();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseAntiforgeryRefusal();
        app.UseMiddleware<QueryValueCheck>();

        // After authorization: refusals are recorded by the authorization handler, uses and changes here.
        app.UseMiddleware<Features.Audit.AuditMiddleware>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var api = app.MapGroup("/api/v1").WithTags("v1").WithApiProblems();
        app.MapAccount(api);
        app.MapApi(api);
        app.MapHome();
        app.MapMembers(api);
        app.MapImport();
        app.MapPreCheck();
        app.MapWorklist();
        app.MapCells();
        app.MapSites();
        app.MapPlanning(api);
        app.MapDesk();
        app.MapHomeVisits();
        app.MapFieldKits(api);
        app.MapReview();
        app.MapTransmissions();
        app.MapReports(api);
        app.MapCampaign();
        app.MapUsers();
        app.MapRetention();
        app.MapAudit();

        var link = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Security.CircuitLinkOptions>>().Value;
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(o => o.ConfigureWebSocketAcceptContext = (_, accept) =>
            {
                // Each message is compressed on its own (no server context takeover): a connection then holds no
                // compressor between messages, which saves an idle circuit about 0.3 MB (docs/benchmarks.md, "Circuits").
                accept.DangerousEnableCompression = link.WebSocketCompression;
                accept.DisableServerContextTakeover = true;
                return Task.CompletedTask;
            });
    }
}
