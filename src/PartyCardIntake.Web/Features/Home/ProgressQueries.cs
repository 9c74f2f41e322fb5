using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
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

public sealed record CommuneRow(int Id, string Code, string Name, Progress Progress);

public sealed record ProvinceProgress(string Name, DateOnly? CampaignStart, DateOnly? Deadline, Progress Total, IReadOnlyList<CommuneRow> Communes);

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

    public async Task<ProvinceProgress?> ForProvinceAsync(int provinceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var province = await db.Provinces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == provinceId, cancellationToken);
        if (province is null)
        {
            return null;
        }

        var communes = await db.Communes.AsNoTracking()
            .Where(c => c.ProvinceId == provinceId)
            .Select(c => new { c.Id, c.Code, c.Name })
            .ToListAsync(cancellationToken);
        var communeIds = communes.Select(c => c.Id).ToList();
        var members = await db.PartyMembers.AsNoTracking()
            .Where(m => communeIds.Contains(m.CommuneId))
            .GroupBy(m => m.CommuneId)
            .Select(g => new
            {
                CommuneId = g.Key,
                Members = g.Count(),
                Excused = g.Count(m => m.Exemption != null),
                HomeVisits = g.Count(m => m.NeedsHomeVisit && m.Exemption == null),
            })
            .ToDictionaryAsync(x => x.CommuneId, cancellationToken);
        var received = await db.Applications.AsNoTracking()
            .Where(a => communeIds.Contains(a.CommuneId) && a.State != ApplicationState.Cancelled)
            .GroupBy(a => a.CommuneId)
            .Select(g => new { CommuneId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.CommuneId, x => x.Count, cancellationToken);

        var rows = communes
            .Select(c =>
            {
                members.TryGetValue(c.Id, out var m);
                return new CommuneRow(c.Id, c.Code, c.Name, new Progress(m?.Members ?? 0, m?.Excused ?? 0, received.GetValueOrDefault(c.Id), m?.HomeVisits ?? 0));
            })
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        var total = new Progress(rows.Sum(r => r.Progress.Members), rows.Sum(r => r.Progress.Excused), rows.Sum(r => r.Progress.Received), rows.Sum(r => r.Progress.HomeVisits));
        return new ProvinceProgress(province.Name, province.CampaignStart, province.Deadline, total, rows);
    }
}
