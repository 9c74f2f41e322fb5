namespace PartyCardIntake.Web.Features.Reports;

public sealed record CommuneRef(string Code, string Name);

public sealed record ProvinceRef(string Code, string Name);

public sealed record CellResponse(string Name, int Eligible, int Received, int Remaining);

/// <param name="AverageMinutes">Mean minutes between consecutive records on the device that day, gaps over 30 minutes left out; null with fewer than two records.</param>
public sealed record DeviceResponse(string Name, string Site, int Records, double? AverageMinutes);

/// <summary>A commune's day. Dates are yyyy-MM-dd; "percent" has one decimal; "daysLate" is negative when early.</summary>
public sealed record DailyReportResponse(
    CommuneRef Commune,
    DateOnly Date,
    DateOnly? Deadline,
    int Eligible,
    int Excused,
    int ReceivedToday,
    int ReceivedTotal,
    double Percent,
    int Remaining,
    int Approved,
    int Returned,
    int Transmitted,
    int OpenMismatches,
    int PendingChecks,
    int HomeVisitsPlanned,
    int HomeVisitsDone,
    DateOnly? ForecastFinishDate,
    int? DaysLate,
    bool AtRisk,
    IReadOnlyList<CellResponse> Cells,
    IReadOnlyList<DeviceResponse> Devices)
{
    public static DailyReportResponse From(DailyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var f = report.Figures;
        return new(
            new CommuneRef(f.Code, f.Name), f.Date, f.Deadline, f.Eligible, f.Excused, f.ReceivedToday, f.ReceivedTotal, f.Percent, f.Remaining,
            f.Approved, f.Returned, f.Transmitted, f.OpenMismatches, f.PendingChecks, report.HomeVisitsPlanned, report.HomeVisitsDone,
            f.ForecastFinish, f.DaysLate, f.AtRisk,
            report.Cells.Select(c => new CellResponse(c.Name, c.Eligible, c.Received, c.Remaining)).ToList(),
            report.Devices.Select(d => new DeviceResponse(d.Name, d.Site, d.Records, d.AverageMinutes)).ToList());
    }
}

public sealed record ProvinceCommuneResponse(
    string Code,
    string Name,
    int Eligible,
    int ReceivedTotal,
    int ReceivedToday,
    double Percent,
    int ReceivedYesterday,
    DateOnly? Deadline,
    DateOnly? ForecastFinishDate,
    int? DaysLate,
    bool AtRisk);

/// <summary>A province's day; its totals are the sums of its communes' figures.</summary>
public sealed record ProvinceReportResponse(
    ProvinceRef Province,
    DateOnly Date,
    DateOnly? CampaignStart,
    DateOnly? Deadline,
    int Eligible,
    int ReceivedTotal,
    int ReceivedToday,
    double Percent,
    IReadOnlyList<ProvinceCommuneResponse> Communes)
{
    public static ProvinceReportResponse From(ProvinceDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var f = dashboard.Figures;
        return new(
            new ProvinceRef(f.Code, f.Name), f.Date, f.CampaignStart, f.Deadline, f.Eligible, f.ReceivedTotal, f.ReceivedToday, f.Percent,
            f.Communes.Select(c => new ProvinceCommuneResponse(
                c.Code, c.Name, c.Eligible, c.ReceivedTotal, c.ReceivedToday, c.Percent, c.ReceivedYesterday, c.Deadline, c.ForecastFinish, c.DaysLate, c.AtRisk)).ToList());
    }
}
