using Microsoft.AspNetCore.Http.HttpResults;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Hosting.OpenApi;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>The reports for integrations, in the /api/v1 group (cookie or bearer token).</summary>
internal static class ReportApi
{
    public static void MapReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/daily", async Task<IResult> (string? commune, [ApiDate] string? date, CurrentUser user, DailyReportService reports, VietnamTime time, CancellationToken cancellationToken) =>
            {
                if (!ReportDate.TryParse(date, time.Today, out var day))
                {
                    return Invalid("date", Ui.Reports_DateInvalid);
                }

                if (user.CommuneId is null && string.IsNullOrWhiteSpace(commune))
                {
                    return Invalid("commune", Ui.Reports_CommuneRequired);
                }

                var report = await reports.ForAsync(commune, day, cancellationToken);
                return report is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.NotFound_Title)
                    : TypedResults.Ok(DailyReportResponse.From(report));
            })
            .RequireAuthorization(Policies.DailyReports)
            .WithName("GetDailyReport")
            .WithSummary("A commune's daily report: aggregates only, no member.")
            .WithDescription("`commune` is the five-digit commune code: commune users may leave it out (their own commune) and get 404 for any other; "
                + "province users must give it and get 404 for a commune outside their province. `date` is yyyy-MM-dd, not after today (Vietnam time); "
                + "default today. Received counts records not cancelled, by the day they were submitted; the states are those of now. "
                + "`forecastFinishDate` assumes the average of the last three days (null without any record in them); `daysLate` is negative when early.")
            .Produces<DailyReportResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/reports/province", async Task<IResult> (string? province, [ApiDate] string? date, ProvinceDashboardService dashboards, VietnamTime time, CancellationToken cancellationToken) =>
            {
                if (!ReportDate.TryParse(date, time.Today, out var day))
                {
                    return Invalid("date", Ui.Reports_DateInvalid);
                }

                var dashboard = await dashboards.ForAsync(province, day, DashboardQuery.Default, cancellationToken);
                return dashboard is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.NotFound_Title)
                    : TypedResults.Ok(ProvinceReportResponse.From(dashboard));
            })
            .RequireAuthorization(Policies.ProvinceOversight)
            .WithName("GetProvinceReport")
            .WithSummary("A province's progress by commune, from the progress counts.")
            .WithDescription("`province` is the two-digit province code; leave it out for the caller's own province, any other answers 404. "
                + "`date` is yyyy-MM-dd, not after today; default today. The province's figures are the sums of its communes'.")
            .Produces<ProvinceReportResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: message);
}
