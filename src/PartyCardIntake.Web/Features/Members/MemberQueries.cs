using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Components;

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

/// <summary>Member lookups for the list, the detail page and the API, always within the user's scope.</summary>
public sealed class MemberQueries(IDbContextFactory<AppDbContext> factory)
{
    public const int PageSize = 50;

    /// <summary>
    /// A query made only of digits is an ID number and must be a valid one; anything else is a
    /// name, matched without diacritics or case.
    /// </summary>
    public async Task<MemberPage> SearchAsync(string? query, int? cellId, int page, CancellationToken cancellationToken = default) =>
        await SearchAsync(query, cellId, MemberFilter.All, page, cancellationToken);

    public async Task<MemberPage> SearchAsync(string? query, int? cellId, MemberFilter filter, int page, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var members = MemberSearch.Apply(db.PartyMembers.AsNoTracking(), query, out var idError);
        if (idError is not null)
        {
            return new MemberPage([], 0, 1, PageSize, idError);
        }

        if (cellId is { } cell)
        {
            members = members.Where(m => m.PartyCellId == cell);
        }

        members = filter switch
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
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await members
            .OrderBy(m => m.SortKey).ThenBy(m => m.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(m => new { m.Id, m.FullName, m.IdNumber, m.Sex, m.BirthYear, m.BirthDate, Cell = m.PartyCell!.Name, m.Exemption, m.NeedsHomeVisit })
            .ToListAsync(cancellationToken);
        return new MemberPage(
            rows.Select(m => new MemberRow(m.Id, m.FullName, m.IdNumber.Value, m.Sex, m.BirthYear, m.BirthDate, m.Cell, m.Exemption, m.NeedsHomeVisit)).ToList(),
            total,
            page,
            PageSize,
            null);
    }

    public async Task<IReadOnlyList<CellOption>> CellsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cells = await db.PartyCells.AsNoTracking().Select(c => new CellOption(c.Id, c.Name)).ToListAsync(cancellationToken);
        return cells.OrderBy(c => c.Name, Labels.NameOrder).ToList();
    }

    /// <summary>Null both when the member does not exist and when it belongs to another commune.</summary>
    public async Task<MemberDetails?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
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
            m.PartyCardNumber, m.JoinedOn, m.Phone, m.Address, m.Exemption, m.ExemptionNote, m.NeedsHomeVisit, applications);
    }
}
