using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>What a visit looks like to people: the stored status, plus done (the member has a record) and overdue.</summary>
public enum HomeVisitState
{
    Planned,
    Overdue,
    Done,
    Missed,
    Cancelled,
}

public sealed record WaitingMember(int Id, string FullName, int BirthYear, string CellName, string? Address, string? Phone);

public sealed record VisitRow(
    int Id,
    int MemberId,
    string FullName,
    string? Phone,
    DateTime Start,
    DateTime End,
    string Team,
    string? OfficerId,
    string OfficerName,
    string Address,
    string? Note,
    HomeVisitState State);

public sealed record OfficerChoice(string Id, string Name);

public sealed record WaitingPage(IReadOnlyList<WaitingMember> Rows, int Total, int Page, int PageCount);

/// <summary>Reads for home visits: who still needs an appointment, the commune's visits, one officer's list.</summary>
public sealed class HomeVisitQueries(IDbContextFactory<AppDbContext> factory, CurrentUser user, VietnamTime time)
{
    public const int PageSize = 50;

    public const string DefaultTeam = "Tổ lưu động 1";

    /// <summary>How far back visits that were neither done nor closed stay on the commune's list.</summary>
    public static readonly TimeSpan OverdueWindow = TimeSpan.FromDays(14);

    /// <summary>The commune's planning roles: the station lead manages, the ward committee reads.</summary>
    private bool CanPlan => (user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.WardCommittee)) && user.CommuneId is not null;

    /// <summary>
    /// Flagged, eligible members without a record and without a planned visit still to come. Without a page
    /// number, the page that holds <paramref name="member"/> (the one whose form is to open), else the first.
    /// </summary>
    public async Task<WaitingPage> WaitingAsync(int? page, int? member = null, CancellationToken cancellationToken = default)
    {
        if (!CanPlan)
        {
            return new WaitingPage([], 0, 1, 1);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.Now.DateTime;
        var query = db.PartyMembers.AsNoTracking()
            .Where(m => m.NeedsHomeVisit && m.Exemption == null
                && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled)
                && !db.HomeVisits.Any(v => v.MemberId == m.Id && v.Status == HomeVisitStatus.Planned && v.End >= now));
        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (page is null && member is { } focus)
        {
            // The list's own order from the database, so the position agrees with its collation.
            var order = await query.OrderBy(m => m.SortKey).ThenBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);
            var index = order.IndexOf(focus);
            page = index < 0 ? 1 : (index / PageSize) + 1;
        }

        var current = Math.Clamp(page ?? 1, 1, pageCount);
        var rows = await query
            .OrderBy(m => m.SortKey).ThenBy(m => m.Id)
            .Skip((current - 1) * PageSize).Take(PageSize)
            .Select(m => new WaitingMember(m.Id, m.FullName, m.BirthYear, m.PartyCell!.Name, m.Address, m.Phone))
            .ToListAsync(cancellationToken);
        return new WaitingPage(rows, total, current, pageCount);
    }

    /// <summary>The commune's visits from today on, and those of the last days that were neither done nor closed.</summary>
    public async Task<IReadOnlyList<VisitRow>> CommuneVisitsAsync(CancellationToken cancellationToken = default)
    {
        if (!CanPlan)
        {
            return [];
        }

        var today = time.Today.ToDateTime(TimeOnly.MinValue);
        var overdueSince = today - OverdueWindow;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await RowsAsync(
            db,
            db.HomeVisits.Where(v => v.Start >= today || (v.Start >= overdueSince && v.Status == HomeVisitStatus.Planned)),
            dropDoneBefore: today,
            cancellationToken);
    }

    /// <summary>The signed-in officer's visits from today on.</summary>
    public async Task<IReadOnlyList<VisitRow>> MineAsync(CancellationToken cancellationToken = default)
    {
        if (!(user.IsInRole(AppRoles.IntakeOfficer) || user.IsInRole(AppRoles.StationLead)) || user.CommuneId is null)
        {
            return [];
        }

        var officerId = user.UserId ?? string.Empty;
        var today = time.Today.ToDateTime(TimeOnly.MinValue);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await RowsAsync(db, db.HomeVisits.Where(v => v.OfficerId == officerId && v.Start >= today), null, cancellationToken);
    }

    /// <summary>One member's visits, newest first, for the member page.</summary>
    public async Task<IReadOnlyList<VisitRow>> ForMemberAsync(int memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await RowsAsync(db, db.HomeVisits.Where(v => v.MemberId == memberId), null, cancellationToken);
        return rows.Reverse().ToList();
    }

    /// <summary>Police of the user's commune who can lead a visit: officers and the commander.</summary>
    public async Task<IReadOnlyList<OfficerChoice>> OfficersAsync(CancellationToken cancellationToken = default)
    {
        var communeId = user.CommuneId;
        if (communeId is null || !CanPlan)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var officers = await OfficersOf(db, communeId.Value)
            .Select(u => new OfficerChoice(u.Id, u.DisplayName == string.Empty ? u.UserName! : u.DisplayName))
            .ToListAsync(cancellationToken);
        return officers.OrderBy(o => o.Name, VietnameseNameOrder.Instance).ToList();
    }

    /// <summary>Team names used before in the commune, so that the same team is spelled the same way.</summary>
    public async Task<IReadOnlyList<string>> TeamsAsync(CancellationToken cancellationToken = default)
    {
        if (!CanPlan)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var teams = await db.HomeVisits.AsNoTracking().Select(v => v.Team).Distinct().Take(50).ToListAsync(cancellationToken);
        return teams.Append(DefaultTeam).Distinct(StringComparer.Ordinal).OrderBy(t => t, Labels.NameOrder).ToList();
    }

    /// <summary>Identity tables carry no scope filter, so the commune is applied here explicitly.</summary>
    internal static IQueryable<AppUser> OfficersOf(AppDbContext db, int communeId) =>
        db.Users.AsNoTracking()
            .Where(u => u.CommuneId == communeId
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == AppRoles.IntakeOfficer || r.Name == AppRoles.StationLead))));

    public static HomeVisitState StateOf(HomeVisitStatus status, bool captured, DateTime end, DateTime now) => status switch
    {
        HomeVisitStatus.Cancelled => HomeVisitState.Cancelled,
        _ when captured => HomeVisitState.Done,
        HomeVisitStatus.Missed => HomeVisitState.Missed,
        _ when end < now => HomeVisitState.Overdue,
        _ => HomeVisitState.Planned,
    };

    private async Task<IReadOnlyList<VisitRow>> RowsAsync(AppDbContext db, IQueryable<HomeVisit> visits, DateTime? dropDoneBefore, CancellationToken cancellationToken)
    {
        var rows = await visits.AsNoTracking()
            .OrderBy(v => v.Start).ThenBy(v => v.Id)
            .Select(v => new
            {
                v.Id, v.MemberId, v.Member!.FullName, v.Member.Phone, v.Start, v.End, v.Team, v.OfficerId, v.Address, v.Note, v.Status,
                Officer = db.Users.Where(u => u.Id == v.OfficerId).Select(u => u.DisplayName).FirstOrDefault(),
                Captured = db.Applications.Any(a => a.MemberId == v.MemberId && a.State != ApplicationState.Cancelled),
            })
            .ToListAsync(cancellationToken);
        var now = time.Now.DateTime;
        return rows
            .Select(r => new VisitRow(
                r.Id, r.MemberId, r.FullName, r.Phone, r.Start, r.End, r.Team, r.OfficerId, r.Officer ?? "—", r.Address, r.Note,
                StateOf(r.Status, r.Captured, r.End, now)))
            .Where(r => dropDoneBefore is null || r.Start >= dropDoneBefore || r.State is HomeVisitState.Overdue)
            .ToList();
    }
}
