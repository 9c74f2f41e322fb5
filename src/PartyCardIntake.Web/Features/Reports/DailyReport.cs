using PartyCardIntake.Core.Reporting;

namespace PartyCardIntake.Web.Features.Reports;

public sealed record CellRow(string Name, int Eligible, int Received)
{
    public int Remaining => Math.Max(0, Eligible - Received);
}

/// <summary>One device's day: records submitted on it and its pace (<see cref="DevicePace"/>).</summary>
public sealed record DeviceRow(string Name, string Site, int Records, double? AverageMinutes);

/// <summary>
/// A commune's end-of-day report: aggregates only, never a member. <see cref="Figures"/> come from the progress
/// counts; cells, devices and home visits are counted over the commune's own records for that day.
/// </summary>
public sealed record DailyReport(
    CommuneFigures Figures,
    IReadOnlyList<CellRow> Cells,
    IReadOnlyList<DeviceRow> Devices,
    int HomeVisitsPlanned,
    int HomeVisitsDone,
    CumulativeCurve Curve,
    DateTimeOffset PrintedAt,
    string ProvinceName)
{
    public DateOnly Date => Figures.Date;
}
