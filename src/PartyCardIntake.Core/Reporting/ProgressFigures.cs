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

    public DateOnly? ForecastFinish => Forecast.FinishDate(Date, Remaining, ReceivedRecentDays);

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
    public static async Task<ProvinceFigures?> ProvinceAsync(AppDbContext db, int provinceId, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var province = await db.Provinces.AsNoTracking().Where(p => p.Id == provinceId)
            .Select(p => new { p.Id, p.Code, p.Name, p.CampaignStart, p.Deadline })
            .FirstOrDefaultAsync(cancellationToken);
        if (province is null)
        {
            return null;
        }

        var communes = await CommunesAsync(db, db.Communes.Where(c => c.ProvinceId == provinceId), _ => province.Deadline, date, cancellationToken);
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
        var communes = (await CommunesAsync(db, db.Communes, id => deadlines.GetValueOrDefault(id), date, cancellationToken))
            .ToLookup(c => c.ProvinceId, c => c.Figures);
        return provinces
            .Select(p => new ProvinceFigures(p.Id, p.Code, p.Name, date, p.CampaignStart, p.Deadline, communes[p.Id].ToList()))
            .ToList();
    }

    public static async Task<CommuneFigures?> CommuneAsync(AppDbContext db, int communeId, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var deadline = await db.Communes.AsNoTracking().Where(c => c.Id == communeId).Select(c => c.Province!.Deadline).FirstOrDefaultAsync(cancellationToken);
        var communes = await CommunesAsync(db, db.Communes.Where(c => c.Id == communeId), _ => deadline, date, cancellationToken);
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
        AppDbContext db, IQueryable<Commune> communes, Func<int, DateOnly?> provinceDeadline, DateOnly date, CancellationToken cancellationToken)
    {
        var recentFrom = date.AddDays(1 - Forecast.RecentDays);
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
                Recent = g.Sum(c => c.Day >= recentFrom ? c.Count : 0),
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
        return rows.Select(c =>
        {
            var n = counts.GetValueOrDefault(c.Id);
            return (c.ProvinceId, new CommuneFigures(
                c.Id, c.Code, c.Name, date, c.Deadline ?? provinceDeadline(c.ProvinceId), c.EligibleMembers, c.ExcusedMembers,
                n?.Today ?? 0, n?.Yesterday ?? 0, n?.Total ?? 0, n?.Recent ?? 0,
                n?.Approved ?? 0, n?.Returned ?? 0, n?.Transmitted ?? 0, n?.Mismatches ?? 0, n?.Pending ?? 0));
        }).ToList();
    }
}
