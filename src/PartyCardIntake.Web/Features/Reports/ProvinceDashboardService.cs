using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Reporting;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>
/// The province dashboard from the progress counts: a few rows per commune and day, never the records. A province
/// user sees their own province only (a code given must be its code); the data scope enforces the same.
/// </summary>
public sealed class ProvinceDashboardService(IDbContextFactory<AppDbContext> factory, CurrentUser user, VietnamTime time)
{
    public async Task<ProvinceDashboard?> ForAsync(string? provinceCode, DateOnly date, DashboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (user.ProvinceId is not { } own || user.CommuneId is not null)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(provinceCode)
            && !await db.Provinces.AsNoTracking().AnyAsync(p => p.Id == own && p.Code == provinceCode.Trim(), cancellationToken))
        {
            return null;
        }

        var figures = await ProgressFigures.ProvinceAsync(db, own, date, time.Now.DateTime, cancellationToken);
        if (figures is null)
        {
            return null;
        }

        var perDay = await ProgressFigures.ReceivedPerDayAsync(db, db.Communes.Where(c => c.ProvinceId == own), date, cancellationToken);
        var curve = CumulativeCurve.Build(perDay, date, figures.CampaignStart, figures.Deadline, figures.Eligible);
        return new ProvinceDashboard(figures, query.Apply(figures.Communes), curve, query, time.Now);
    }
}
