using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Features.Account;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Web.Features.Api;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.Members;

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

        app.UseMiddleware<RequestLoggingMiddleware>();
        // People get the Vietnamese not-found page; the API keeps its own status codes. Re-executing an
        // API POST as a page would fail the page's antiforgery check and turn a 403 into a 400.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        app.UseRequestLocalization();

        // Static files are public (libraries, styles); they never carry personal data.
        // Their names carry no version, so browsers keep them for an hour only.
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "public, max-age=3600" });
        app.UseAuthentication();
        app.UseMiddleware<Security.BearerUserCheck>();
        app.UseMiddleware<Security.PasswordChangeGate>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseAntiforgeryRefusal();

        // After authorization: refusals are recorded by the authorization handler, uses and changes here.
        app.UseMiddleware<Features.Audit.AuditMiddleware>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        app.MapAccountEndpoints();
        var api = app.MapGroup("/api/v1").WithTags("v1");
        api.MapTokenEndpoints();
        api.MapMeEndpoints();
        api.MapMemberApi();
        Features.Planning.PlanPreviewEndpoints.MapPlanPreview(api);
        Features.Reports.ReportApi.MapReportApi(api);

        app.MapDeskEndpoints();
        app.MapMemberAdminEndpoints();
        app.MapMemberExportEndpoints();
        Features.Cells.CellEndpoints.MapCellEndpoints(app);
        Features.Import.ImportEndpoints.MapImportEndpoints(app);
        Features.Sites.SiteEndpoints.MapSiteEndpoints(app);
        Features.Planning.PlanningEndpoints.MapPlanningEndpoints(app);
        Features.Planning.SlotEndpoints.MapSlotEndpoints(app);
        Features.Planning.NoticeEndpoints.MapNoticeEndpoints(app);
        Features.Campaign.CampaignEndpoints.MapCampaignEndpoints(app);
        Features.HomeVisits.HomeVisitEndpoints.MapHomeVisitEndpoints(app);
        Features.Review.ReviewEndpoints.MapReviewEndpoints(app);
        Features.Transmissions.TransmissionEndpoints.MapTransmissionEndpoints(app);
        Features.Reports.ReportEndpoints.MapReportEndpoints(app);
        app.MapPreCheckEndpoints();
        if (WebServiceCollectionExtensions.UsesBuiltInRegistry(app.Configuration))
        {
            app.MapMockRegistry(BuiltInRegistryAddress.Prefix).AllowAnonymous();
            app.MapMockRegistryAdmin(BuiltInRegistryAddress.Prefix).RequireAuthorization(Security.Policies.Admin);
        }

        app.MapRazorComponents<App>();
    }
}
