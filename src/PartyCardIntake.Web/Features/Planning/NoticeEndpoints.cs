using PartyCardIntake.Infrastructure.Pdf;
using PartyCardIntake.Web.Components.Print;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>Printed planning documents: a cell's notice and the commune's schedule, as PDF.</summary>
internal static class NoticeEndpoints
{
    public const int DefaultScheduleDays = 21;
    public const int MaxScheduleDays = 90;

    public static void MapNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        // Any commune staff may print a cell's notice; a cell of another commune is not found.
        app.MapGet("/planning/cells/{id:int}/notice.pdf", async (int id, HttpContext context, NoticeQueries notices, ComponentHtml html, IPdfRenderer pdf) =>
            {
                if (await notices.CellNoticeAsync(id, context.RequestAborted) is not { } notice)
                {
                    return Results.NotFound();
                }

                var document = await html.RenderAsync<CellNoticeDocument>(nameof(CellNoticeDocument.Notice), notice);
                return await PdfResults.PdfAsync(context, pdf, document, $"thong-bao-chi-bo-{id}.pdf", Page);
            })
            .RequireAuthorization(Policies.CommuneStaff)
            .ExcludeFromDescription();

        app.MapGet("/planning/schedule.pdf", async (int? days, HttpContext context, NoticeQueries notices, ComponentHtml html, IPdfRenderer pdf) =>
            {
                var span = days ?? DefaultScheduleDays;
                if (span is < 1 or > MaxScheduleDays)
                {
                    return TypedResults.Problem(title: Ui.Schedule_DaysRange, detail: Ui.Schedule_DaysRange, statusCode: StatusCodes.Status400BadRequest);
                }

                var schedule = await notices.ScheduleAsync(span, context.RequestAborted);
                var document = await html.RenderAsync<CommuneScheduleDocument>(nameof(CommuneScheduleDocument.Schedule), schedule);
                return await PdfResults.PdfAsync(context, pdf, document, $"lich-tiep-nhan-{schedule.From:yyyy-MM-dd}.pdf", Page);
            })
            .RequireAuthorization(Policies.CommunePlanning)
            .ExcludeFromDescription();
    }

    private static PdfPageOptions Page => new() { FooterHtml = PdfResults.PageNumberFooter };
}
