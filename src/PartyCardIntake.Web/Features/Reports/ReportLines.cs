using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>
/// One figure of a report: a stable key (test ids, API names), its label, its text as shown, and its number or date
/// for spreadsheets.
/// </summary>
public sealed record ReportLine(string Key, string Label, string Text, double? Value = null, DateOnly? Date = null)
{
    public static ReportLine Count(string key, int value) => new(key, LabelOf(key), Labels.Number(value), value);

    public static ReportLine Of(string key, string text) => new(key, LabelOf(key), text);

    /// <summary>A date, or <paramref name="without"/> as the text when there is none.</summary>
    public static ReportLine Day(string key, DateOnly? date, string without) =>
        new(key, LabelOf(key), date is { } d ? Labels.Date(d) : without, Date: date);

    private static string LabelOf(string key) => Ui.ResourceManager.GetString("Reports_Line_" + key, Ui.Culture) ?? key;
}

public sealed record ReportGroup(string Title, IReadOnlyList<ReportLine> Lines);

/// <summary>
/// The summary of each report, written once: the page, the PDF, the XLSX and the CSV all show these lines, so
/// their figures cannot drift apart.
/// </summary>
public static class ReportLines
{
    public static IReadOnlyList<ReportGroup> Daily(DailyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var f = report.Figures;
        return
        [
            new(Ui.Reports_Group_Progress,
            [
                ReportLine.Count("eligible", f.Eligible),
                ReportLine.Count("excused", f.Excused),
                ReportLine.Count("receivedToday", f.ReceivedToday),
                ReportLine.Count("receivedTotal", f.ReceivedTotal),
                ReportLine.Of("percent", Labels.Percent(f.Percent)) with { Value = f.Percent },
                ReportLine.Count("remaining", f.Remaining),
            ]),
            new(Ui.Reports_Group_Records,
            [
                ReportLine.Count("approved", f.Approved),
                ReportLine.Count("transmitted", f.Transmitted),
                ReportLine.Count("returned", f.Returned),
                ReportLine.Count("openMismatches", f.OpenMismatches),
                ReportLine.Count("pendingChecks", f.PendingChecks),
            ]),
            new(Ui.Reports_Group_HomeVisits,
            [
                ReportLine.Count("homeVisitsPlanned", report.HomeVisitsPlanned),
                ReportLine.Count("homeVisitsDone", report.HomeVisitsDone),
            ]),
            new(Ui.Reports_Group_Forecast,
            [
                ReportLine.Day("deadline", f.Deadline, Ui.Home_NoDeadline),
                ReportLine.Day("forecastFinish", f.ForecastFinish, Ui.Reports_NoForecast),
                ReportLine.Of("daysLate", DaysLate(f.DaysLate)) with { Value = f.DaysLate },
            ]),
        ];
    }

    public static IReadOnlyList<ReportGroup> Province(ProvinceDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var f = dashboard.Figures;
        return
        [
            new(Ui.Reports_Group_Progress,
            [
                ReportLine.Count("eligible", f.Eligible),
                ReportLine.Count("receivedTotal", f.ReceivedTotal),
                ReportLine.Of("percent", Labels.Percent(f.Percent)) with { Value = f.Percent },
                ReportLine.Count("receivedToday", f.ReceivedToday),
                ReportLine.Count("communes", f.Communes.Count),
                ReportLine.Count("atRisk", dashboard.AtRisk),
                ReportLine.Day("deadline", f.Deadline, Ui.Home_NoDeadline),
            ]),
        ];
    }

    /// <summary>"Trễ 5 ngày", "Sớm 3 ngày", "Đúng hạn", or a dash without a forecast or a deadline.</summary>
    public static string DaysLate(int? days) => days switch
    {
        null => "—",
        > 0 => string.Format(Ui.Culture, Ui.Reports_Late, Labels.Number(days.Value)),
        < 0 => string.Format(Ui.Culture, Ui.Reports_Early, Labels.Number(-days.Value)),
        _ => Ui.Reports_OnTime,
    };
}
