using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Reporting;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>A province's figures and cumulative curve on a day, as read at one moment: what every dashboard of it shows.</summary>
public sealed record ProvinceSnapshot(ProvinceFigures Figures, CumulativeCurve Curve, DateTimeOffset ReadAt)
{
    public ProvinceDashboard For(DashboardQuery query) => new(Figures, query.Apply(Figures.Communes), Curve, query, ReadAt);
}

/// <summary>
/// The province dashboard from the progress counts: a few rows per commune and day, never the records. A province
/// viewer or administrator sees their own province only (a code given must be its code); the data scope enforces
/// the same.
/// </summary>
public sealed class ProvinceDashboardService(IDbContextFactory<AppDbContext> factory, CurrentUser user, VietnamTime time, ProvinceDashboardFeed feed)
{
    public async Task<ProvinceDashboard?> ForAsync(string? provinceCode, DateOnly date, DashboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (OwnProvince() is not { } own)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(provinceCode)
            && !await db.Provinces.AsNoTracking().AnyAsync(p => p.Id == own && p.Code == provinceCode.Trim(), cancellationToken))
        {
            return null;
        }

        return (await ReadAsync(db, own, date, time.Now, cancellationToken))?.For(query);
    }

    /// <summary>
    /// Calls <paramref name="listener"/> with today's figures of the caller's province after desks save, at most once
    /// per <see cref="ProvinceDashboardFeed.Window"/> and read once for every dashboard open on this node; null for a
    /// caller who may not see a province dashboard. Dispose the subscription when the page goes.
    /// </summary>
    public IDisposable? Watch(Func<ProvinceSnapshot, Task> listener) =>
        OwnProvince() is { } own ? feed.Subscribe(own, listener) : null;

    /// <summary>The figures and the curve of a province on a day, read at <paramref name="now"/> (the forecast's moment).</summary>
    internal static async Task<ProvinceSnapshot?> ReadAsync(AppDbContext db, int provinceId, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var figures = await ProgressFigures.ProvinceAsync(db, provinceId, date, now.DateTime, cancellationToken);
        if (figures is null)
        {
            return null;
        }

        var perDay = await ProgressFigures.ReceivedPerDayAsync(db, db.Communes.Where(c => c.ProvinceId == provinceId), date, cancellationToken);
        var curve = CumulativeCurve.Build(perDay, date, figures.CampaignStart, figures.Deadline, figures.Eligible);
        return new ProvinceSnapshot(figures, curve, now);
    }

    /// <summary>The caller's province when they may see its dashboard: a province viewer or administrator, not a commune user.</summary>
    private int? OwnProvince() =>
        user.ProvinceId is { } own && user.CommuneId is null && (user.IsInRole(AppRoles.ProvinceViewer) || user.IsInRole(AppRoles.Admin)) ? own : null;
}
