using PartyCardIntake.Web.Hosting.OpenApi;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>
/// The body of POST /api/v1/plans/preview. Everything arrives as text or nullable numbers so that a
/// wrong value is reported against its field instead of failing the whole body.
/// </summary>
public sealed record PlanPreviewRequest(
    [property: ApiDate] string? StartDate,
    [property: ApiDate] string? Deadline,
    double? MinutesPerMember,
    double? ReservePercent,
    IReadOnlyList<PlanPreviewSite>? Sites,
    IReadOnlyList<PlanPreviewCell>? Cells);

/// <summary>
/// Hours: weekday key ("mon" … "sun") to a list of ["HH:mm", "HH:mm"] intervals; a missing weekday is closed.
/// SpecialHours (optional): date key ("yyyy-MM-dd") to the intervals that replace that date's weekly hours; an
/// empty list closes the date.
/// </summary>
public sealed record PlanPreviewSite(
    string? Name,
    int? Devices,
    [property: ApiValues("mon", "tue", "wed", "thu", "fri", "sat", "sun")] IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>>? Hours,
    [property: ApiDate] IReadOnlyList<string>? ClosedDates,
    [property: ApiDate] IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>>? SpecialHours = null);

/// <summary>Availability: "weekdayDaytime", "weekdayEvening", "weekend"; missing means all three.</summary>
public sealed record PlanPreviewCell(
    string? Name,
    int? Members,
    [property: ApiValues("weekdayDaytime", "weekdayEvening", "weekend")] IReadOnlyList<string>? Availability);

public sealed record PlanPreviewSlot(string Site, string Cell, string Start, string End, int Members);

public sealed record PlanPreviewUnscheduled(string Cell, int Members);

public sealed record PlanPreviewWaits(double MeanMinutes, double P95Minutes);

public sealed record PlanPreviewResponse(
    IReadOnlyList<PlanPreviewSlot> Slots,
    [property: ApiDate] string? FinishDate,
    bool MeetsDeadline,
    [property: ApiDate] string? LowerBoundFinishDate,
    IReadOnlyList<PlanPreviewUnscheduled> Unscheduled,
    PlanPreviewWaits Waits);
