using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Audit;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Audit;

public sealed record AuditFilter(string? UserName, int? MemberId, AuditAction? Action, DateOnly? From, DateOnly? To, int Page, int PageSize = AuditQueries.PageSize);

/// <summary>One page of entries, newest first, and how many match the filter in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Page, bool HasMore, int Total = 0);

/// <summary>
/// The administrators' reading of the trail. The table has no scope filter (the chain is one for the whole
/// installation), so the province is applied here: an administrator sees the entries of their province's users
/// and the anonymous ones (failed sign-ins with unknown names, refusals before sign-in), which belong to no province.
/// </summary>
public sealed class AuditQueries(ISystemDbContextFactory factory, CurrentUser user, AuditChain chain, AuditAnchorFile anchors)
{
    public const int PageSize = 50;

    public async Task<AuditPage> SearchAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var province = user.ProvinceId;
        if (province is null || !user.IsInRole(Core.Identity.AppRoles.Admin))
        {
            return new AuditPage([], 1, false, 0);
        }

        await using var db = factory.CreateDbContext();
        var query = db.AuditEntries.AsNoTracking().Where(e => e.ProvinceId == province || (e.ProvinceId == null && e.CommuneId == null));
        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            var name = filter.UserName.Trim();
            query = query.Where(e => e.UserName == name);
        }

        if (filter.MemberId is { } member)
        {
            query = query.Where(e => e.MemberId == member);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        // The first and the last days of the calendar have no UTC instant on both sides of them: no bound there.
        if (filter.From is { } from && from > DateOnly.MinValue)
        {
            var start = VietnamTime.StartOfDayUtc(from);
            query = query.Where(e => e.At >= start);
        }

        if (filter.To is { } to && to < DateOnly.MaxValue.AddDays(-1))
        {
            var end = VietnamTime.StartOfDayUtc(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }

        // Far pages and huge sizes from a hand-made request are bounded, never an overflow.
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Clamp(filter.Page, 1, 1_000_000);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size + 1).ToListAsync(cancellationToken);
        return new AuditPage(rows.Take(size).ToList(), page, rows.Count > size, total);
    }

    /// <summary>Checks the whole chain against the anchors; for administrators only (null for anyone else).</summary>
    public async Task<AuditCheck?> VerifyAsync(CancellationToken cancellationToken = default) =>
        user.ProvinceId is null || !user.IsInRole(Core.Identity.AppRoles.Admin)
            ? null
            : await chain.VerifyAsync(await anchors.ReadAsync(cancellationToken: cancellationToken), cancellationToken);
}
