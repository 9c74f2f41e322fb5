using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Components.Forms;

namespace PartyCardIntake.Web.Features.Cells;

public sealed record CellCounts(int Members, int Excused, int PreChecked, int OpenIssues, int Received)
{
    public int Eligible => Members - Excused;
}

public sealed record CellRow(int Id, string Name, CellAvailability Availability, bool IsExternal, string? SecretaryName, string? SecretaryPhone, CellCounts Counts);

/// <summary>The party cells of the user's commune with their counts, and their upkeep by the committee.</summary>
public sealed class CellQueries(IDbContextFactory<AppDbContext> factory, Home.ProgressQueries progressQueries, Security.CurrentUser user, IValidator<CellInput> validator)
{
    private bool CanManage => user.CommuneId is not null && user.IsInRole(AppRoles.WardCommittee);

    private bool CanView => user.CommuneId is not null
        && (user.IsInRole(AppRoles.WardCommittee) || user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.IntakeOfficer));

    /// <summary>The commune's cells with their counts, by name; nothing for a user outside a commune.</summary>
    public async Task<IReadOnlyList<CellRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!CanView)
        {
            return [];
        }

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

    /// <summary>The form of one of the commune's cells, or null (not found, or not the committee).</summary>
    public async Task<CellInput?> FormAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cell = await db.PartyCells.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return cell is null ? null : CellInput.From(cell);
    }

    /// <summary>Creates (id null) or updates a cell of the user's commune, after the form's rules and a unique name.</summary>
    public async Task<SaveResult> SaveAsync(int? id, CellInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!CanManage)
        {
            return new SaveResult(SaveStatus.Forbidden);
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return new SaveResult(SaveStatus.Invalid, null, validation.Errors);
        }

        var name = VietnameseText.Normalize(input.Name);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cell = id is { } existingId ? await db.PartyCells.FirstOrDefaultAsync(c => c.Id == existingId, cancellationToken) : null;
        if (id is not null && cell is null)
        {
            return new SaveResult(SaveStatus.NotFound);
        }

        if (await db.PartyCells.AnyAsync(c => c.Name == name && c.Id != (id ?? 0), cancellationToken))
        {
            return new SaveResult(SaveStatus.Invalid, null, [new ValidationFailure(nameof(CellInput.Name), Ui.Cells_NameTaken)]);
        }

        if (cell is null)
        {
            cell = new PartyCell { CommuneId = user.CommuneId!.Value, Name = name };
            db.PartyCells.Add(cell);
        }

        cell.Name = name;
        cell.SecretaryName = VietnameseText.Normalize(input.SecretaryName) is { Length: > 0 } secretary ? secretary : null;
        cell.SecretaryPhone = string.IsNullOrWhiteSpace(input.SecretaryPhone) ? null : input.SecretaryPhone.Trim();
        cell.Availability = input.Availability;
        cell.IsExternal = input.IsExternal;
        await db.SaveChangesAsync(cancellationToken);
        return new SaveResult(SaveStatus.Saved, cell.Id);
    }
}
