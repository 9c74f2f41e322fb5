using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Reporting;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.Web.Features.Home;

public sealed record Progress(int Members, int Excused, int Received, int HomeVisits)
{
    public int Eligible => Members - Excused;

    public int Remaining => Math.Max(0, Eligible - Received);
}

public sealed record CellProgress(int Id, string Name, CellAvailability Availability, Progress Progress);

public sealed record SiteSummary(string Name, string? Address, TimeOnly OpensAt, TimeOnly ClosesAt, IReadOnlyList<string> Devices);

public sealed record CommuneProgress(
    string Name,
    string Code,
    DateOnly? Deadline,
    Progress Total,
    int ReceivedToday,
    IReadOnlyList<CellProgress> Cells,
    IReadOnlyList<SiteSummary> Sites);

/// <summary>
/// Counts for the home pages. Every query runs through the user's scoped context, so a commune
/// user's figures can only ever include their own commune.
/// </summary>
public sealed class ProgressQueries(IDbContextFactory<AppDbContext> factory, VietnamTime time)
{
    public async Task<CommuneProgress?> ForCommuneAsync(int communeId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var commune = await db.Communes.AsNoTracking()
            .Where(c => c.Id == communeId)
            .Select(c => new { c.Name, c.Code, Deadline = c.Deadline ?? c.Province!.Deadline })
            .FirstOrDefaultAsync(cancellationToken);
        if (commune is null)
        {
            return null;
        }

        var members = await db.PartyMembers.AsNoTracking()
            .Where(m => m.CommuneId == communeId)
            .GroupBy(m => m.PartyCellId)
            .Select(g => new
            {
                CellId = g.Key,
                Members = g.Count(),
                Excused = g.Count(m => m.Exemption != null),
                HomeVisits = g.Count(m => m.NeedsHomeVisit && m.Exemption == null),
            })
            .ToDictionaryAsync(x => x.CellId, cancellationToken);
        var received = await db.Applications.AsNoTracking()
            .Where(a => a.CommuneId == communeId && a.State != ApplicationState.Cancelled)
            .GroupBy(a => a.Member!.PartyCellId)
            .Select(g => new { CellId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.CellId, x => x.Count, cancellationToken);
        var todayStart = VietnamTime.StartOfDayUtc(time.Today);
        var receivedToday = await db.Applications.AsNoTracking()
            .CountAsync(a => a.CommuneId == communeId && a.State != ApplicationState.Cancelled && a.SubmittedAt >= todayStart, cancellationToken);

        var cells = await db.PartyCells.AsNoTracking()
            .Where(c => c.CommuneId == communeId)
            .OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Availability })
            .ToListAsync(cancellationToken);
        var cellRows = cells
            .Select(c =>
            {
                members.TryGetValue(c.Id, out var m);
                return new CellProgress(c.Id, c.Name, c.Availability, new Progress(m?.Members ?? 0, m?.Excused ?? 0, received.GetValueOrDefault(c.Id), m?.HomeVisits ?? 0));
            })
            .OrderBy(c => c.Name, Labels.NameOrder)
            .ToList();

        var sites = await db.IntakeSites.AsNoTracking()
            .Where(s => s.CommuneId == communeId)
            .OrderBy(s => s.Name)
            .Select(s => new SiteSummary(s.Name, s.Address, s.OpensAt, s.ClosesAt, s.Devices.Where(d => d.IsActive).OrderBy(d => d.Name).Select(d => d.Name).ToList()))
            .ToListAsync(cancellationToken);

        var total = new Progress(
            cellRows.Sum(c => c.Progress.Members),
            cellRows.Sum(c => c.Progress.Excused),
            cellRows.Sum(c => c.Progress.Received),
            cellRows.Sum(c => c.Progress.HomeVisits));
        return new CommuneProgress(commune.Name, commune.Code, commune.Deadline, total, receivedToday, cellRows, sites);
    }

    /// <summary>The province's communes today, from the progress counts (the same figures as the province dashboard).</summary>
    public async Task<ProvinceFigures?> ForProvinceAsync(int provinceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ProgressFigures.ProvinceAsync(db, provinceId, time.Today, cancellationToken);
    }
}
