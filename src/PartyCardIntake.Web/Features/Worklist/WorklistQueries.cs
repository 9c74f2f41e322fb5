using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Core.Verification;

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
    DateTime UpdatedAt);

/// <summary>The commune's correction worklist: each member the registry disagrees with, side by side.</summary>
public sealed class WorklistQueries(IDbContextFactory<AppDbContext> factory)
{
    public async Task<IReadOnlyList<WorklistRow>> ListAsync(bool open, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var items = db.WorklistItems.AsNoTracking();
        items = open
            ? items.Where(w => w.Status == WorklistStatus.Open || w.Status == WorklistStatus.AwaitingRegistryUpdate)
            : items.Where(w => w.Status == WorklistStatus.Accepted || w.Status == WorklistStatus.Resolved);
        var rows = await items
            .OrderBy(w => w.Member!.PartyCell!.Name).ThenBy(w => w.Member!.SortKey)
            .Take(500)
            .Select(w => new
            {
                w.MemberId, w.Member!.FullName, w.Member.IdNumber, Cell = w.Member.PartyCell!.Name, w.Status, w.LastOutcome, w.LastHasWarnings, w.Note, w.UpdatedAt,
                Comparison = db.RegistryChecks
                    .Where(c => c.MemberId == w.MemberId && c.Outcome != CheckOutcome.Unavailable)
                    .OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id)
                    .Select(c => c.ComparisonJson)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var comparison = r.Comparison is null
                ? null
                : System.Text.Json.JsonSerializer.Deserialize<RegistryComparison>(r.Comparison, RegistryCheckService.Json);
            var differences = comparison?.Fields.Where(f => f.Severity != FieldSeverity.Same).ToList() ?? [];
            return new WorklistRow(r.MemberId, r.FullName, r.IdNumber.Value, r.Cell, r.Status, r.LastOutcome, r.LastHasWarnings, differences, r.Note, r.UpdatedAt);
        }).ToList();
    }

    /// <summary>The open item of a member, if any; the desk shows it.</summary>
    public async Task<WorklistItem?> OpenItemAsync(int memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.WorklistItems.AsNoTracking()
            .FirstOrDefaultAsync(w => w.MemberId == memberId && (w.Status == WorklistStatus.Open || w.Status == WorklistStatus.AwaitingRegistryUpdate), cancellationToken);
    }
}
