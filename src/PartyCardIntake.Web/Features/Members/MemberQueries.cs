using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Members;

public sealed record MemberRow(int Id, string FullName, string IdNumber, Sex Sex, int BirthYear, DateOnly? BirthDate, string CellName, ExemptionReason? Exemption, bool NeedsHomeVisit);

public sealed record MemberPage(IReadOnlyList<MemberRow> Rows, int Total, int Page, int PageSize, IdNumberError? IdError)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <param name="MediaDeletedAt">When the retention rule deleted the record's photo and signature, if it has.</param>
public sealed record ApplicationRow(Guid Id, ApplicationState State, VerificationStatus Verification, DateTime SubmittedAt, DateTime? MediaDeletedAt = null);

public sealed record MemberDetails(
    int Id,
    string FullName,
    PersonalIdNumber IdNumber,
    Sex Sex,
    int BirthYear,
    DateOnly? BirthDate,
    string CellName,
    string CommuneName,
    string? PartyCardNumber,
    DateOnly? JoinedOn,
    string? Phone,
    string? Address,
    ExemptionReason? Exemption,
    string? ExemptionNote,
    DateOnly? ExemptedOn,
    bool NeedsHomeVisit,
    IReadOnlyList<ApplicationRow> Applications);

public sealed record CellOption(int Id, string Name);

/// <summary>The status filters of the member list.</summary>
public enum MemberFilter
{
    All,
    Eligible,
    Excused,
    HomeVisit,
    OpenIssues,
    NotPreChecked,
    Captured,
    NotCaptured,
}

/// <summary>The columns the member list sorts by.</summary>
public enum MemberSort
{
    /// <summary>Vietnamese order: given name (last word) first, then the rest.</summary>
    Name,
    IdNumber,
    Birth,
    Cell,
}

/// <summary>One page of the member list as the grid asks for it: search, filters, sort, page (1-based) and page size.</summary>
public sealed record MemberListQuery(
    string? Text = null,
    int? CellId = null,
    MemberFilter Filter = MemberFilter.All,
    int Page = 1,
    int PageSize = MemberQueries.PageSize,
    MemberSort Sort = MemberSort.Name,
    bool Descending = false);

/// <summary>Member lookups for the list, the detail page and the API, always within the user's scope.</summary>
public sealed class MemberQueries(IDbContextFactory<AppDbContext> factory, CurrentUser user, Audit.AuditLog audit)
{
    public const int PageSize = 50;

    /// <summary>The page sizes the list offers; any other asked size falls back to <see cref="PageSize"/>.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    /// <summary>Commune staff only: the committee, the commander and the officers of a commune.</summary>
    private bool Allowed =>
        user.CommuneId is not null
        && (user.IsInRole(AppRoles.WardCommittee) || user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.IntakeOfficer));

    /// <summary>
    /// A query made only of digits is an ID number and must be a valid one; anything else is a
    /// name, matched without diacritics or case.
    /// </summary>
    public async Task<MemberPage> SearchAsync(string? query, int? cellId, int page, CancellationToken cancellationToken = default) =>
        await ListAsync(new MemberListQuery(query, cellId, MemberFilter.All, page), cancellationToken);

    public async Task<MemberPage> SearchAsync(string? query, int? cellId, MemberFilter filter, int page, CancellationToken cancellationToken = default) =>
        await ListAsync(new MemberListQuery(query, cellId, filter, page), cancellationToken);

    /// <summary>
    /// One page of members, counted, filtered, sorted and cut in SQL: only the page's rows are read. A page past
    /// the end gives the last page; a page size the list does not offer gives the default one.
    /// </summary>
    public async Task<MemberPage> ListAsync(MemberListQuery request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pageSize = PageSizes.Contains(request.PageSize) ? request.PageSize : PageSize;
        if (!Allowed)
        {
            return new MemberPage([], 0, 1, pageSize, null);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var members = MemberSearch.Apply(db.PartyMembers.AsNoTracking(), request.Text, out var idError);
        if (idError is not null)
        {
            return new MemberPage([], 0, 1, pageSize, idError);
        }

        if (request.CellId is { } cell)
        {
            members = members.Where(m => m.PartyCellId == cell);
        }

        members = request.Filter switch
        {
            MemberFilter.Eligible => members.Where(m => m.Exemption == null),
            MemberFilter.Excused => members.Where(m => m.Exemption != null),
            MemberFilter.HomeVisit => members.Where(m => m.NeedsHomeVisit && m.Exemption == null),
            MemberFilter.OpenIssues => members.Where(m => db.WorklistItems.Any(w => w.MemberId == m.Id
                && (w.Status == WorklistStatus.Open || w.Status == WorklistStatus.AwaitingRegistryUpdate))),
            MemberFilter.NotPreChecked => members.Where(m => m.Exemption == null
                && !db.RegistryChecks.Any(c => c.MemberId == m.Id && c.Outcome != CheckOutcome.Unavailable)),
            MemberFilter.Captured => members.Where(m => db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled)),
            MemberFilter.NotCaptured => members.Where(m => m.Exemption == null
                && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled)),
            _ => members,
        };

        var total = await members.CountAsync(cancellationToken);
        var page = Math.Clamp(request.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await Sorted(members, request.Sort, request.Descending)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(m => new { m.Id, m.FullName, m.IdNumber, m.Sex, m.BirthYear, m.BirthDate, Cell = m.PartyCell!.Name, m.Exemption, m.NeedsHomeVisit })
            .ToListAsync(cancellationToken);
        return new MemberPage(
            rows.Select(m => new MemberRow(m.Id, m.FullName, m.IdNumber.Value, m.Sex, m.BirthYear, m.BirthDate, m.Cell, m.Exemption, m.NeedsHomeVisit)).ToList(),
            total,
            page,
            pageSize,
            null);
    }

    /// <summary>Every order ends on the id, so that a page boundary never shows a member twice or skips one.</summary>
    private static IQueryable<PartyMember> Sorted(IQueryable<PartyMember> members, MemberSort sort, bool descending) => (sort, descending) switch
    {
        (MemberSort.IdNumber, false) => members.OrderBy(m => m.IdNumber).ThenBy(m => m.Id),
        (MemberSort.IdNumber, true) => members.OrderByDescending(m => m.IdNumber).ThenByDescending(m => m.Id),
        (MemberSort.Birth, false) => members.OrderBy(m => m.BirthYear).ThenBy(m => m.BirthDate).ThenBy(m => m.SortKey).ThenBy(m => m.Id),
        (MemberSort.Birth, true) => members.OrderByDescending(m => m.BirthYear).ThenByDescending(m => m.BirthDate).ThenBy(m => m.SortKey).ThenBy(m => m.Id),
        (MemberSort.Cell, false) => members.OrderBy(m => m.PartyCell!.Name).ThenBy(m => m.SortKey).ThenBy(m => m.Id),
        (MemberSort.Cell, true) => members.OrderByDescending(m => m.PartyCell!.Name).ThenBy(m => m.SortKey).ThenBy(m => m.Id),
        (_, true) => members.OrderByDescending(m => m.SortKey).ThenByDescending(m => m.Id),
        _ => members.OrderBy(m => m.SortKey).ThenBy(m => m.Id),
    };

    public async Task<IReadOnlyList<CellOption>> CellsAsync(CancellationToken cancellationToken = default)
    {
        if (!Allowed)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cells = await db.PartyCells.AsNoTracking().Select(c => new CellOption(c.Id, c.Name)).ToListAsync(cancellationToken);
        return cells.OrderBy(c => c.Name, Labels.NameOrder).ToList();
    }

    /// <summary>
    /// The member page's lookup: as <see cref="FindAsync"/>, and when <paramref name="recordView"/> is set the view is
    /// written to the audit trail, found or not (an attempt on another commune's member is worth keeping too).
    /// The page sets it once per view: in the prerender of a direct load, or in the circuit after an in-app navigation.
    /// </summary>
    public async Task<MemberDetails?> OpenAsync(int id, bool recordView, CancellationToken cancellationToken = default)
    {
        var member = await FindAsync(id, cancellationToken);
        if (recordView && user.IsAuthenticated)
        {
            var status = member is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
            await audit.RecordAsync(AuditAction.ViewMember, id, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"VIEW /members/{id} → {status}"), cancellationToken: CancellationToken.None);
        }

        return member;
    }

    /// <summary>Null both when the member does not exist and when it belongs to another commune.</summary>
    public async Task<MemberDetails?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!Allowed)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new { Member = m, Cell = m.PartyCell!.Name, Commune = m.Commune!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return null;
        }

        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.MemberId == id)
            .OrderByDescending(a => a.SubmittedAt)
            .Select(a => new ApplicationRow(a.Id, a.State, a.Verification, a.SubmittedAt, a.Capture!.MediaDeletedAt))
            .ToListAsync(cancellationToken);
        var m = member.Member;
        return new MemberDetails(
            m.Id, m.FullName, m.IdNumber, m.Sex, m.BirthYear, m.BirthDate, member.Cell, member.Commune,
            m.PartyCardNumber, m.JoinedOn, m.Phone, m.Address, m.Exemption, m.ExemptionNote, m.ExemptedOn, m.NeedsHomeVisit, applications);
    }
}
