using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Reporting;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Reports;

public sealed record CommuneChoice(string Code, string Name);

/// <summary>
/// A commune's daily report. Commune users get their own commune; province users any commune of their province,
/// named by its code. Every query runs in the caller's data scope, so a commune outside it is simply not found.
/// </summary>
public sealed class DailyReportService(IDbContextFactory<AppDbContext> factory, CurrentUser user, VietnamTime time)
{
    /// <summary>The report, or null when the commune is not the caller's to see (or does not exist).</summary>
    public async Task<DailyReport?> ForAsync(string? communeCode, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var communeId = await CommuneIdAsync(db, communeCode, cancellationToken);
        return communeId is { } id ? await BuildAsync(db, id, date, cancellationToken) : null;
    }

    /// <summary>The communes a province user may choose from, in code order; nothing for commune users.</summary>
    public async Task<IReadOnlyList<CommuneChoice>> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        if (user.CommuneId is not null || user.ProvinceId is null || !MayRead())
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Communes.AsNoTracking().OrderBy(c => c.Code).Select(c => new CommuneChoice(c.Code, c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>A commune user's own commune (a code given must be its code); a province user's commune by code.</summary>
    private async Task<int?> CommuneIdAsync(AppDbContext db, string? code, CancellationToken cancellationToken)
    {
        code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        if (!MayRead())
        {
            return null;
        }

        if (user.CommuneId is { } own)
        {
            return code is null
                ? own
                : await db.Communes.AsNoTracking().Where(c => c.Id == own && c.Code == code).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        }

        if (user.ProvinceId is null || code is null)
        {
            return null;
        }

        return await db.Communes.AsNoTracking().Where(c => c.Code == code).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The roles of the daily report (<see cref="Policies.DailyReports"/>): the station lead and the committee, the province's viewers and administrators.</summary>
    private bool MayRead() => user.CommuneId is not null
        ? user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.WardCommittee)
        : user.ProvinceId is not null && (user.IsInRole(AppRoles.ProvinceViewer) || user.IsInRole(AppRoles.Admin));

    private async Task<DailyReport?> BuildAsync(AppDbContext db, int communeId, DateOnly date, CancellationToken cancellationToken)
    {
        var figures = await ProgressFigures.CommuneAsync(db, communeId, date, time.Now.DateTime, cancellationToken);
        if (figures is null)
        {
            return null;
        }

        var province = await db.Communes.AsNoTracking().Where(c => c.Id == communeId)
            .Select(c => new { c.Province!.CampaignStart, c.Province.Name }).FirstAsync(cancellationToken);
        var perDay = await ProgressFigures.ReceivedPerDayAsync(db, db.Communes.Where(c => c.Id == communeId), date, cancellationToken);
        var (planned, done) = await HomeVisitsAsync(db, communeId, date, cancellationToken);
        return new DailyReport(
            figures,
            await CellsAsync(db, communeId, date, cancellationToken),
            await DevicesAsync(db, communeId, date, cancellationToken),
            planned,
            done,
            CumulativeCurve.Build(perDay, date, province.CampaignStart, figures.Deadline, figures.Eligible),
            time.Now,
            province.Name);
    }

    /// <summary>Eligible members of each cell now, and their records received up to the end of the day.</summary>
    private static async Task<IReadOnlyList<CellRow>> CellsAsync(AppDbContext db, int communeId, DateOnly date, CancellationToken cancellationToken)
    {
        var end = VietnamTime.StartOfDayUtc(date.AddDays(1));
        var eligible = await db.PartyMembers.AsNoTracking()
            .Where(m => m.CommuneId == communeId && m.Exemption == null)
            .GroupBy(m => m.PartyCellId)
            .Select(g => new { CellId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.CellId, x => x.Count, cancellationToken);
        var received = await db.Applications.AsNoTracking()
            .Where(a => a.CommuneId == communeId && a.State != ApplicationState.Cancelled && a.SubmittedAt < end)
            .GroupBy(a => a.Member!.PartyCellId)
            .Select(g => new { CellId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.CellId, x => x.Count, cancellationToken);
        var cells = await db.PartyCells.AsNoTracking().Where(c => c.CommuneId == communeId).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        return cells
            .Select(c => new CellRow(c.Name, eligible.GetValueOrDefault(c.Id), received.GetValueOrDefault(c.Id)))
            .OrderBy(c => c.Name, Labels.NameOrder)
            .ToList();
    }

    /// <summary>The day's records by device: every active device, and any other that took records that day.</summary>
    private static async Task<IReadOnlyList<DeviceRow>> DevicesAsync(AppDbContext db, int communeId, DateOnly date, CancellationToken cancellationToken)
    {
        var start = VietnamTime.StartOfDayUtc(date);
        var end = VietnamTime.StartOfDayUtc(date.AddDays(1));
        var submissions = (await db.Applications.AsNoTracking()
                .Where(a => a.CommuneId == communeId && a.State != ApplicationState.Cancelled && a.SubmittedAt >= start && a.SubmittedAt < end)
                .Select(a => new { a.DeviceId, a.SubmittedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.DeviceId, a => a.SubmittedAt);
        var devices = await db.Devices.AsNoTracking()
            .Where(d => d.CommuneId == communeId)
            .Select(d => new { d.Id, d.Name, Site = d.IntakeSite!.Name, d.IsActive })
            .ToListAsync(cancellationToken);
        var rows = devices
            .Where(d => d.IsActive || submissions.Contains(d.Id))
            .OrderBy(d => d.Site, Labels.NameOrder).ThenBy(d => d.Name, Labels.NameOrder)
            .Select(d => new DeviceRow(d.Name, d.Site, submissions[d.Id].Count(), DevicePace.AverageMinutes(submissions[d.Id])))
            .ToList();
        if (submissions.Contains(null))
        {
            rows.Add(new DeviceRow(Ui.Reports_Devices_Unknown, string.Empty, submissions[null].Count(), DevicePace.AverageMinutes(submissions[null])));
        }

        return rows;
    }

    /// <summary>Visits planned for the day (wall-clock times) and those of them whose member has a record.</summary>
    private static async Task<(int Planned, int Done)> HomeVisitsAsync(AppDbContext db, int communeId, DateOnly date, CancellationToken cancellationToken)
    {
        var from = date.ToDateTime(TimeOnly.MinValue);
        var to = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var done = await db.HomeVisits.AsNoTracking()
            .Where(v => v.CommuneId == communeId && v.Status == HomeVisitStatus.Planned && v.Start >= from && v.Start < to)
            .Select(v => db.Applications.Any(a => a.MemberId == v.MemberId && a.State != ApplicationState.Cancelled))
            .ToListAsync(cancellationToken);
        return (done.Count, done.Count(d => d));
    }
}
