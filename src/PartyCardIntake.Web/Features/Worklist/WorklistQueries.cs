using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Worklist;

public sealed record WorklistRow(
    int MemberId,
    string FullName,
    string IdNumber,
    string CellName,
    WorklistStatus Status,
    CheckOutcome Outcome,
    bool HasWarnings,
    IReadOnlyList<FieldComparison> Differences,
    string? Note,
    DateTime LastCheckedAt,
    DateTime UpdatedAt,
    ExemptionReason? Exemption = null);

/// <summary>One page of the worklist: open items (open or waiting for the registry) or closed ones (accepted or resolved).</summary>
public sealed record WorklistQuery(bool Closed = false, int Page = 1, int PageSize = WorklistQueries.PageSize, int? CellId = null);

/// <summary>A party cell of the commune, for the worklist's filter.</summary>
public sealed record WorklistCell(int Id, string Name);

/// <param name="Page">The page shown (1-based), within the pages there are.</param>
public sealed record WorklistItems(IReadOnlyList<WorklistRow> Rows, int Total, int Page);

/// <summary>
/// The commune's correction worklist: each member the registry disagrees with, side by side. Commune staff only;
/// the query filters keep the rows to the user's commune.
/// </summary>
public sealed class WorklistQueries(IDbContextFactory<AppDbContext> factory, CurrentUser user)
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    /// <summary>Commune staff (officer, lead, committee) of a commune, as the CommuneStaff policy.</summary>
    public bool MayRead =>
        user.CommuneId is not null
        && (user.IsInRole(AppRoles.WardCommittee) || user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.IntakeOfficer));

    public async Task<WorklistItems> PageAsync(WorklistQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!MayRead)
        {
            return new WorklistItems([], 0, 1);
        }

        var size = PageSizes.Contains(query.PageSize) ? query.PageSize : PageSize;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var items = db.WorklistItems.AsNoTracking();
        items = query.Closed
            ? items.Where(w => w.Status == WorklistStatus.Accepted || w.Status == WorklistStatus.Resolved)
            : items.Where(w => w.Status == WorklistStatus.Open || w.Status == WorklistStatus.AwaitingRegistryUpdate);
        if (query.CellId is { } cellId)
        {
            items = items.Where(w => w.Member!.PartyCellId == cellId);
        }

        var total = await items.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pages);
        var rows = await items
            .OrderBy(w => w.Member!.PartyCell!.Name).ThenBy(w => w.Member!.SortKey).ThenBy(w => w.MemberId)
            .Skip((page - 1) * size)
            .Take(size)
            .Select(w => new
            {
                w.MemberId, w.Member!.FullName, w.Member.IdNumber, Cell = w.Member.PartyCell!.Name, w.Status, w.LastOutcome, w.LastHasWarnings, w.Note,
                w.LastCheckedAt, w.UpdatedAt, w.Member.Exemption,
                Comparison = db.RegistryChecks
                    .Where(c => c.MemberId == w.MemberId && c.Outcome != CheckOutcome.Unavailable)
                    .OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id)
                    .Select(c => c.ComparisonJson)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var list = rows.Select(r =>
        {
            var comparison = r.Comparison is null
                ? null
                : System.Text.Json.JsonSerializer.Deserialize<RegistryComparison>(r.Comparison, RegistryCheckService.Json);
            var differences = comparison?.Fields.Where(f => f.Severity != FieldSeverity.Same).ToList() ?? [];
            return new WorklistRow(r.MemberId, r.FullName, r.IdNumber.Value, r.Cell, r.Status, r.LastOutcome, r.LastHasWarnings, differences, r.Note, r.LastCheckedAt, r.UpdatedAt, r.Exemption);
        }).ToList();
        return new WorklistItems(list, total, page);
    }

    /// <summary>The commune's cells, for the filter; nothing for a user who may not read the worklist.</summary>
    public async Task<IReadOnlyList<WorklistCell>> CellsAsync(CancellationToken cancellationToken = default)
    {
        if (!MayRead)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cells = await db.PartyCells.AsNoTracking().Select(c => new WorklistCell(c.Id, c.Name)).ToListAsync(cancellationToken);
        return cells.OrderBy(c => c.Name, Components.Labels.NameOrder).ToList();
    }

    /// <summary>The open item of a member, if any; the desk shows it.</summary>
    public async Task<WorklistItem?> OpenItemAsync(int memberId, CancellationToken cancellationToken = default)
    {
        if (!MayRead)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.WorklistItems.AsNoTracking()
            .FirstOrDefaultAsync(w => w.MemberId == memberId && (w.Status == WorklistStatus.Open || w.Status == WorklistStatus.AwaitingRegistryUpdate), cancellationToken);
    }
}
