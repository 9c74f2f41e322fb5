using System.Net.Mime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using PartyCardIntake.Infrastructure.Pdf;
using PartyCardIntake.Web.Components.Print;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>The reports as files: the daily report as PDF, XLSX and CSV, the province dashboard as PDF and XLSX.</summary>
internal static class ReportEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/daily.pdf", async (string? commune, string? date, HttpContext context, DailyReportService reports, VietnamTime time, ComponentHtml html, IPdfRenderer pdf) =>
                await DailyAsync(commune, date, reports, time, context, async report =>
                {
                    var document = await html.RenderAsync<DailyReportDocument>(nameof(DailyReportDocument.Report), report);
                    return await PdfResults.PdfAsync(context, pdf, document, ReportFiles.DailyName(report, "pdf"), Page);
                }))
            .RequireAuthorization(Policies.DailyReports)
            .ExcludeFromDescription()
            .WithMetadata(new AuditedAttribute(AuditAction.Export));

        app.MapGet("/reports/daily.xlsx", async (string? commune, string? date, HttpContext context, DailyReportService reports, VietnamTime time) =>
                await DailyAsync(commune, date, reports, time, context, report =>
                    Task.FromResult<IResult>(File(context, ReportFiles.DailyXlsx(report), Xlsx, ReportFiles.DailyName(report, "xlsx")))))
            .RequireAuthorization(Policies.DailyReports)
            .ExcludeFromDescription()
            .WithMetadata(new AuditedAttribute(AuditAction.Export));

        app.MapGet("/reports/daily.csv", async (string? commune, string? date, HttpContext context, DailyReportService reports, VietnamTime time) =>
                await DailyAsync(commune, date, reports, time, context, report =>
                    Task.FromResult<IResult>(File(context, ReportFiles.DailyCsv(report), "text/csv; charset=utf-8", ReportFiles.DailyName(report, "csv")))))
            .RequireAuthorization(Policies.DailyReports)
            .ExcludeFromDescription()
            .WithMetadata(new AuditedAttribute(AuditAction.Export));

        app.MapGet("/province.pdf", async (string? date, string? sort, string? desc, string? q, string? risk, HttpContext context, ProvinceDashboardService dashboards, VietnamTime time, ComponentHtml html, IPdfRenderer pdf) =>
                await ProvinceAsync(date, DashboardQuery.From(sort, DashboardQuery.Flag(desc), q, DashboardQuery.Flag(risk)), dashboards, time, context, async dashboard =>
                {
                    var document = await html.RenderAsync<ProvinceDashboardDocument>(nameof(ProvinceDashboardDocument.Dashboard), dashboard);
                    return await PdfResults.PdfAsync(context, pdf, document, ReportFiles.ProvinceName(dashboard, "pdf"), Landscape);
                }))
            .RequireAuthorization(Policies.ProvinceOversight)
            .ExcludeFromDescription()
            .WithMetadata(new AuditedAttribute(AuditAction.Export));

        app.MapGet("/province.xlsx", async (string? date, string? sort, string? desc, string? q, string? risk, HttpContext context, ProvinceDashboardService dashboards, VietnamTime time) =>
                await ProvinceAsync(date, DashboardQuery.From(sort, DashboardQuery.Flag(desc), q, DashboardQuery.Flag(risk)), dashboards, time, context, dashboard =>
                    Task.FromResult<IResult>(File(context, ReportFiles.ProvinceXlsx(dashboard), Xlsx, ReportFiles.ProvinceName(dashboard, "xlsx")))))
            .RequireAuthorization(Policies.ProvinceOversight)
            .ExcludeFromDescription()
            .WithMetadata(new AuditedAttribute(AuditAction.Export));
    }

    private static PdfPageOptions Page => new() { FooterHtml = PdfResults.PageNumberFooter };

    /// <summary>The province's table has eight columns; across the page the commune names stay on one line.</summary>
    private static PdfPageOptions Landscape => new() { Landscape = true, FooterHtml = PdfResults.PageNumberFooter };

    private static async Task<IResult> DailyAsync(
        string? commune, string? date, DailyReportService reports, VietnamTime time, HttpContext context, Func<DailyReport, Task<IResult>> answer)
    {
        if (!ReportDate.TryParse(date, time.Today, out var day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [Ui.Reports_DateInvalid] }, title: Ui.Reports_DateInvalid);
        }

        return await reports.ForAsync(commune, day, context.RequestAborted) is { } report ? await answer(report) : Results.NotFound();
    }

    private static async Task<IResult> ProvinceAsync(
        string? date, DashboardQuery query, ProvinceDashboardService dashboards, VietnamTime time, HttpContext context, Func<ProvinceDashboard, Task<IResult>> answer)
    {
        if (!ReportDate.TryParse(date, time.Today, out var day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [Ui.Reports_DateInvalid] }, title: Ui.Reports_DateInvalid);
        }

        return await dashboards.ForAsync(null, day, query, context.RequestAborted) is { } dashboard ? await answer(dashboard) : Results.NotFound();
    }

    /// <summary>A download: aggregates, but of people's work, so never cached.</summary>
    private static FileContentHttpResult File(HttpContext context, byte[] content, string contentType, string fileName)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentDisposition =
            new ContentDispositionHeaderValue(DispositionTypeNames.Attachment) { FileName = fileName }.ToString();
        return TypedResults.File(content, contentType);
    }
}
