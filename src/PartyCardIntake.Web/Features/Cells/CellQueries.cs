using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Components;

namespace PartyCardIntake.Web.Features.Cells;

public sealed record CellCounts(int Members, int Excused, int PreChecked, int OpenIssues, int Received)
{
    public int Eligible => Members - Excused;
}

public sealed record CellRow(int Id, string Name, CellAvailability Availability, bool IsExternal, string? SecretaryName, string? SecretaryPhone, CellCounts Counts);

public sealed record CellInput(string? Name, string? SecretaryName, string? SecretaryPhone, CellAvailability Availability, bool IsExternal);

/// <summary>The party cells of the user's commune with their counts, and their upkeep by the committee.</summary>
public sealed class CellQueries(IDbContextFactory<AppDbContext> factory, Home.ProgressQueries progressQueries, Security.CurrentUser user)
{
    public async Task<IReadOnlyList<CellRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        // Members, excused and received per cell are the home page's figures; only the list's own are counted here.
        var communeId = user.CommuneId ?? throw new InvalidOperationException("Commune users only.");
        var progress = (await progressQueries.ForCommuneAsync(communeId, cancellationToken))?.Cells.ToDictionary(c => c.Id, c => c.Progress) ?? [];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cells = await db.PartyCells.AsNoTracking().ToListAsync(cancellationToken);
        var prechecked = await db.PartyMembers.AsNoTracking()
            .Where(m => m.Exemption == null && db.RegistryChecks.Any(c => c.MemberId == m.Id && c.Outcome != CheckOutcome.Unavailable))
            .GroupBy(m => m.PartyCellId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var open = await db.WorklistItems.AsNoTracking()
            .Where(w => w.Status == WorklistStatus.Open || w.Status == WorklistStatus.AwaitingRegistryUpdate)
            .GroupBy(w => w.Member!.PartyCellId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return cells
            .Select(c =>
            {
                var p = progress.GetValueOrDefault(c.Id);
                return new CellRow(c.Id, c.Name, c.Availability, c.IsExternal, c.SecretaryName, c.SecretaryPhone, new CellCounts(
                    p?.Members ?? 0, p?.Excused ?? 0, prechecked.GetValueOrDefault(c.Id), open.GetValueOrDefault(c.Id), p?.Received ?? 0));
            })
            .OrderBy(c => c.Name, Labels.NameOrder)
            .ToList();
    }

    public async Task<PartyCell?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.PartyCells.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>Creates (id null) or updates a cell of the user's commune; null when saved, else a message code.</summary>
    public async Task<string?> SaveAsync(int? id, CellInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = VietnameseText.Normalize(input.Name);
        if (name.Length == 0)
        {
            return "cells.name-required";
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cell = id is { } existingId ? await db.PartyCells.FirstOrDefaultAsync(c => c.Id == existingId, cancellationToken) : null;
        if (id is not null && cell is null)
        {
            return "member.not-found";
        }

        if (await db.PartyCells.AnyAsync(c => c.Name == name && c.Id != (id ?? 0), cancellationToken))
        {
            return "cells.name-taken";
        }

        if (cell is null)
        {
            cell = new PartyCell { CommuneId = user.CommuneId ?? throw new InvalidOperationException("Commune users only."), Name = name };
            db.PartyCells.Add(cell);
        }

        cell.Name = name;
        cell.SecretaryName = string.IsNullOrWhiteSpace(input.SecretaryName) ? null : VietnameseText.Normalize(input.SecretaryName);
        cell.SecretaryPhone = string.IsNullOrWhiteSpace(input.SecretaryPhone) ? null : input.SecretaryPhone.Trim();
        cell.Availability = input.Availability;
        cell.IsExternal = input.IsExternal;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
