using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Features.Members;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.Web.Features.Desk;

public sealed record DeskSearchRow(int Id, string FullName, string IdNumber, int BirthYear, DateOnly? BirthDate, string CellName, ExemptionReason? Exemption, ApplicationState? ActiveState);

public sealed record DeskSearchResult(IReadOnlyList<DeskSearchRow> Rows, int Total, IdNumberError? IdError, string Query);

public sealed record ActiveApplication(Guid Id, ApplicationState State, VerificationStatus Verification, bool HasWarnings, DateTime SubmittedAt);

public sealed record DeskMember(PartyMember Member, string CellName, ActiveApplication? Active);

public sealed record TodayRow(Guid Id, DateTime SubmittedAt, int MemberId, string FullName, string DeviceName, VerificationStatus Verification, bool HasWarnings, int Attempts);

/// <summary>Reads for the desk: finding a member, the member's state, and today's records of the site.</summary>
public sealed class DeskQueries(IDbContextFactory<AppDbContext> factory, VietnamTime time)
{
    public const int MaxResults = 15;

    public async Task<DeskSearchResult> SearchAsync(string? query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var members = MemberSearch.Apply(db.PartyMembers.AsNoTracking(), query, out var error);
        if (error is not null || string.IsNullOrWhiteSpace(query))
        {
            return new DeskSearchResult([], 0, error, query ?? string.Empty);
        }

        // The stored sort key is folded (đ read as d), so the database cannot give the Vietnamese order; the
        // matches of one commune are few enough to order here, then only the page shown is read in full.
        var matches = await members.Select(m => new { m.Id, m.FullName }).ToListAsync(cancellationToken);
        var shown = matches
            .OrderBy(m => m.FullName, VietnameseNameOrder.Instance).ThenBy(m => m.Id)
            .Take(MaxResults)
            .Select(m => m.Id)
            .ToList();
        var rows = await members
            .Where(m => shown.Contains(m.Id))
            .Select(m => new
            {
                m.Id, m.FullName, m.IdNumber, m.BirthYear, m.BirthDate, Cell = m.PartyCell!.Name, m.Exemption,
                Active = db.Applications.Where(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled).Select(a => (ApplicationState?)a.State).FirstOrDefault(),
            })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return new DeskSearchResult(
            shown.Select(id => rows[id]).Select(r => new DeskSearchRow(r.Id, r.FullName, r.IdNumber.Value, r.BirthYear, r.BirthDate, r.Cell, r.Exemption, r.Active)).ToList(),
            matches.Count,
            null,
            query!);
    }

    public async Task<DeskMember?> MemberAsync(int memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.PartyMembers.AsNoTracking()
            .Where(m => m.Id == memberId)
            .Select(m => new { Member = m, Cell = m.PartyCell!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var active = await db.Applications.AsNoTracking()
            .Where(a => a.MemberId == memberId && a.State != ApplicationState.Cancelled)
            .Select(a => new ActiveApplication(a.Id, a.State, a.Verification, a.HasWarnings, a.SubmittedAt))
            .FirstOrDefaultAsync(cancellationToken);
        return new DeskMember(row.Member, row.Cell, active);
    }

    public async Task<MemberCheck?> LastCheckAsync(int memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var check = await db.RegistryChecks.AsNoTracking()
            .Where(c => c.MemberId == memberId)
            .OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return check is null ? null : RegistryCheckService.Read(check);
    }

    /// <summary>Today's records at a site, newest first, with their verification status.</summary>
    public async Task<IReadOnlyList<TodayRow>> TodayAsync(int siteId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await TodayAsync(db, siteId, time, cancellationToken);
    }

    /// <summary>
    /// Today's records of a site on <paramref name="db"/>, whatever its scope: the page reads them with the user's
    /// context, <see cref="DeskActivityFeed"/> with a system one, and both must show the same thing.
    /// </summary>
    public static async Task<IReadOnlyList<TodayRow>> TodayAsync(AppDbContext db, int siteId, VietnamTime time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var since = VietnamTime.StartOfDayUtc(time.Today);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.IntakeSiteId == siteId && a.SubmittedAt >= since && a.State != ApplicationState.Cancelled)
            .OrderByDescending(a => a.SubmittedAt)
            .Take(100)
            .Select(a => new
            {
                a.Id, a.SubmittedAt, a.MemberId, a.Member!.FullName, a.DeviceId, a.Verification, a.HasWarnings, a.VerificationAttempts,
            })
            .ToListAsync(cancellationToken);
        var devices = await db.Devices.AsNoTracking().Where(d => d.IntakeSiteId == siteId).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        return rows
            .Select(r => new TodayRow(r.Id, r.SubmittedAt, r.MemberId, r.FullName, r.DeviceId is { } d ? devices.GetValueOrDefault(d, string.Empty) : string.Empty, r.Verification, r.HasWarnings, r.VerificationAttempts))
            .ToList();
    }
}
