using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Reporting;

/// <summary>
/// A commune's figures on a day, from the progress counts. "Received" counts records not cancelled, by the
/// day they were received up to the report's day; the states are those the records are in now.
/// </summary>
public sealed record CommuneFigures(
    int CommuneId,
    string Code,
    string Name,
    DateOnly Date,
    DateOnly? Deadline,
    int Eligible,
    int Excused,
    int ReceivedToday,
    int ReceivedYesterday,
    int ReceivedTotal,
    int ReceivedRecentDays,
    int Approved,
    int Returned,
    int Transmitted,
    int OpenMismatches,
    int PendingChecks)
{
    public int Remaining => Math.Max(0, Eligible - ReceivedTotal);

    public double Percent => Forecast.Percent(ReceivedTotal, Eligible);

    /// <summary>Members planned per day still to come: schedule slots and planned home visits not yet over.</summary>
    public ForecastPlan Plan { get; init; } = ForecastPlan.None;

    /// <summary>Members planned in the recent days (those of <see cref="ReceivedRecentDays"/>).</summary>
    public int RecentPlanned { get; init; }

    public DateOnly? ForecastFinish => FinishForecast.Finish(new ForecastInput(Date, Remaining, Plan, ReceivedRecentDays, RecentPlanned));

    /// <summary>A forecast on or before the deadline (any forecast when there is no deadline).</summary>
    public bool OnTime => ForecastFinish is { } finish && (Deadline is not { } deadline || finish <= deadline);

    public int? DaysLate => Forecast.DaysLate(ForecastFinish, Deadline);

    /// <summary>Will miss the deadline at the recent pace, or has no pace at all with members left.</summary>
    public bool AtRisk => DaysLate > 0 || (ForecastFinish is null && Remaining > 0 && Deadline is not null);
}

/// <summary>A province's communes on a day; the province's totals are the sums of its communes'.</summary>
public sealed record ProvinceFigures(int ProvinceId, string Code, string Name, DateOnly Date, DateOnly? CampaignStart, DateOnly? Deadline, IReadOnlyList<CommuneFigures> Communes)
{
    public int Eligible => Communes.Sum(c => c.Eligible);

    public int ReceivedTotal => Communes.Sum(c => c.ReceivedTotal);

    public int ReceivedToday => Communes.Sum(c => c.ReceivedToday);

    public double Percent => Forecast.Percent(ReceivedTotal, Eligible);
}

/// <summary>
/// Reads the figures of communes and provinces from <see cref="ApplicationDayCount"/> and the communes' member
/// counts: one grouped query over a few rows per commune and day, never over the applications themselves.
/// The context's data scope applies, so a commune user only ever gets their commune.
/// </summary>
public static class ProgressFigures
{
    public static Task<ProvinceFigures?> ProvinceAsync(AppDbContext db, int provinceId, DateOnly date, CancellationToken cancellationToken = default) =>
        ProvinceAsync(db, provinceId, date, null, cancellationToken);

    /// <param name="now">
    /// The local wall-clock moment the figures are read, for the forecast (<see cref="AsOf"/>); null: the day is over.
    /// </param>
    public static async Task<ProvinceFigures?> ProvinceAsync(AppDbContext db, int provinceId, DateOnly date, DateTime? now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var province = await db.Provinces.AsNoTracking().Where(p => p.Id == provinceId)
            .Select(p => new { p.Id, p.Code, p.Name, p.CampaignStart, p.Deadline })
            .FirstOrDefaultAsync(cancellationToken);
        if (province is null)
        {
            return null;
        }

        var communes = await CommunesAsync(db, db.Communes.Where(c => c.ProvinceId == provinceId), _ => province.Deadline, date, now, cancellationToken);
        return new ProvinceFigures(province.Id, province.Code, province.Name, date, province.CampaignStart, province.Deadline, communes.Select(c => c.Figures).ToList());
    }

    /// <summary>
    /// Every province the context can see with all its communes, from the same one grouped query over the counts
    /// (not one query per province), in province code order.
    /// </summary>
    public static async Task<IReadOnlyList<ProvinceFigures>> NationalAsync(AppDbContext db, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.Name, p.CampaignStart, p.Deadline })
            .ToListAsync(cancellationToken);
        var deadlines = provinces.ToDictionary(p => p.Id, p => p.Deadline);
        var communes = (await CommunesAsync(db, db.Communes, id => deadlines.GetValueOrDefault(id), date, null, cancellationToken))
            .ToLookup(c => c.ProvinceId, c => c.Figures);
        return provinces
            .Select(p => new ProvinceFigures(p.Id, p.Code, p.Name, date, p.CampaignStart, p.Deadline, communes[p.Id].ToList()))
            .ToList();
    }

    public static Task<CommuneFigures?> CommuneAsync(AppDbContext db, int communeId, DateOnly date, CancellationToken cancellationToken = default) =>
        CommuneAsync(db, communeId, date, null, cancellationToken);

    /// <param name="now">The local wall-clock moment the figures are read (<see cref="AsOf"/>); null: the day is over.</param>
    public static async Task<CommuneFigures?> CommuneAsync(AppDbContext db, int communeId, DateOnly date, DateTime? now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var deadline = await db.Communes.AsNoTracking().Where(c => c.Id == communeId).Select(c => c.Province!.Deadline).FirstOrDefaultAsync(cancellationToken);
        var communes = await CommunesAsync(db, db.Communes.Where(c => c.Id == communeId), _ => deadline, date, now, cancellationToken);
        return communes.Count == 0 ? null : communes[0].Figures;
    }

    /// <summary>Received (not cancelled) per day up to the date, summed over the communes given: the cumulative curve's steps.</summary>
    public static async Task<IReadOnlyList<(DateOnly Day, int Received)>> ReceivedPerDayAsync(AppDbContext db, IQueryable<Commune> communes, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = communes.Select(c => c.Id);
        var rows = await db.ApplicationDayCounts.AsNoTracking()
            .Where(c => ids.Contains(c.CommuneId) && c.Day <= date && c.State != ApplicationState.Cancelled)
            .GroupBy(c => c.Day)
            .Select(g => new { Day = g.Key, Count = g.Sum(c => c.Count) })
            .OrderBy(r => r.Day)
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Day, r.Count)).ToList();
    }

    private static async Task<List<(int ProvinceId, CommuneFigures Figures)>> CommunesAsync(
        AppDbContext db, IQueryable<Commune> communes, Func<int, DateOnly?> provinceDeadline, DateOnly date, DateTime? now, CancellationToken cancellationToken)
    {
        // The recent days are the whole days before the moment of reading: the report's day and the two before it
        // once it is over, the three days before it while it is not.
        var asOf = AsOf(date, now);
        var recentTo = DateOnly.FromDateTime(asOf);
        var recentFrom = recentTo.AddDays(-FinishForecast.RecentDays);
        var yesterday = date.AddDays(-1);
        var ids = communes.Select(c => c.Id);
        var counts = await db.ApplicationDayCounts.AsNoTracking()
            .Where(c => ids.Contains(c.CommuneId) && c.Day <= date && c.State != ApplicationState.Cancelled)
            .GroupBy(c => c.CommuneId)
            .Select(g => new
            {
                CommuneId = g.Key,
                Total = g.Sum(c => c.Count),
                Today = g.Sum(c => c.Day == date ? c.Count : 0),
                Yesterday = g.Sum(c => c.Day == yesterday ? c.Count : 0),
                Recent = g.Sum(c => c.Day >= recentFrom && c.Day < recentTo ? c.Count : 0),
                Approved = g.Sum(c => c.State == ApplicationState.Approved ? c.Count : 0),
                Returned = g.Sum(c => c.State == ApplicationState.Returned ? c.Count : 0),
                Transmitted = g.Sum(c => c.State == ApplicationState.Transmitted ? c.Count : 0),
                Mismatches = g.Sum(c => (c.State == ApplicationState.Submitted || c.State == ApplicationState.Returned)
                    && (c.Verification == VerificationStatus.Mismatched || c.Verification == VerificationStatus.NotFound) ? c.Count : 0),
                Pending = g.Sum(c => c.Verification == VerificationStatus.Pending ? c.Count : 0),
            })
            .ToDictionaryAsync(c => c.CommuneId, cancellationToken);
        var rows = await communes.AsNoTracking()
            .OrderBy(c => c.Code)
            .Select(c => new { c.Id, c.ProvinceId, c.Code, c.Name, c.Deadline, c.EligibleMembers, c.ExcusedMembers })
            .ToListAsync(cancellationToken);
        var plans = await PlansAsync(db, ids, recentFrom, asOf, cancellationToken);
        return rows.Select(c =>
        {
            var n = counts.GetValueOrDefault(c.Id);
            var plan = plans[c.Id].ToList();
            return (c.ProvinceId, new CommuneFigures(
                c.Id, c.Code, c.Name, date, c.Deadline ?? provinceDeadline(c.ProvinceId), c.EligibleMembers, c.ExcusedMembers,
                n?.Today ?? 0, n?.Yesterday ?? 0, n?.Total ?? 0, n?.Recent ?? 0,
                n?.Approved ?? 0, n?.Returned ?? 0, n?.Transmitted ?? 0, n?.Mismatches ?? 0, n?.Pending ?? 0)
            {
                Plan = ForecastPlan.Of(plan.Where(p => p.Ahead).Select(p => p.Day)),
                RecentPlanned = plan.Where(p => !p.Ahead && p.Day.Day < recentTo).Sum(p => p.Day.Members),
            });
        }).ToList();
    }

    /// <summary>
    /// The moment a day's figures stand for: <paramref name="now"/> while the day is under way, else the end of the day
    /// (local wall-clock time, as slots are stored).
    /// </summary>
    public static DateTime AsOf(DateOnly date, DateTime? now)
    {
        var end = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return now is { } n && n < end && n >= date.ToDateTime(TimeOnly.MinValue) ? n : end;
    }

    /// <summary>
    /// Planned members per commune and day from the recent days on: the members of schedule slots (on the day they
    /// start) and planned home visits, one member each; "ahead" when they end after <paramref name="asOf"/>. Two small
    /// queries over the plan, never over the records.
    /// </summary>
    private static async Task<ILookup<int, (PlannedDay Day, bool Ahead)>> PlansAsync(
        AppDbContext db, IQueryable<int> ids, DateOnly from, DateTime asOf, CancellationToken cancellationToken)
    {
        var since = from.ToDateTime(TimeOnly.MinValue);
        var slots = await db.ScheduleSlots.AsNoTracking()
            .Where(s => ids.Contains(s.CommuneId) && s.End > since && s.Members > 0)
            .Select(s => new { s.CommuneId, s.Start, s.End, s.Members })
            .ToListAsync(cancellationToken);
        var visits = await db.HomeVisits.AsNoTracking()
            .Where(v => ids.Contains(v.CommuneId) && v.End > since && v.Status == HomeVisitStatus.Planned)
            .Select(v => new { v.CommuneId, v.Start, v.End })
            .ToListAsync(cancellationToken);
        return slots.Select(s => (s.CommuneId, s.Start, s.End, s.Members))
            .Concat(visits.Select(v => (v.CommuneId, v.Start, v.End, Members: 1)))
            .Where(x => x.Start >= since || x.End > asOf)
            .ToLookup(x => x.CommuneId, x => (new PlannedDay(DateOnly.FromDateTime(x.End > asOf && x.Start < asOf ? asOf : x.Start), x.Members), x.End > asOf));
    }
}
