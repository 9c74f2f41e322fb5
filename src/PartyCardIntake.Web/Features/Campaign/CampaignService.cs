using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Campaign;

public sealed record CampaignDates(string ProvinceName, DateOnly? Start, DateOnly? Deadline, string? CommuneName, DateOnly? CommuneDeadline);

/// <summary>
/// The campaign window: the province administrator sets the start and the deadline; a commune may only
/// narrow its own deadline, never past the province's.
/// </summary>
public sealed class CampaignService(IDbContextFactory<AppDbContext> factory, CurrentUser user, IValidator<CampaignForm> validator, AuditLog audit)
{
    /// <summary>The province's name and the form for the administrator's page; null for anyone else.</summary>
    public async Task<(string ProvinceName, CampaignForm Form)?> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!user.IsInRole(AppRoles.Admin) || user.ProvinceId is not { } provinceId)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var province = await db.Provinces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == provinceId, cancellationToken);
        if (province is null)
        {
            return null;
        }

        var communes = await db.Communes.AsNoTracking().Where(c => c.ProvinceId == provinceId)
            .Select(c => new CommuneTarget { Id = c.Id, Code = c.Code, Name = c.Name, Target = c.EligibleMembers, Deadline = c.Deadline.HasValue ? c.Deadline.Value.ToDateTime(TimeOnly.MinValue) : null })
            .ToListAsync(cancellationToken);
        var form = new CampaignForm
        {
            Start = province.CampaignStart?.ToDateTime(TimeOnly.MinValue),
            Deadline = province.Deadline?.ToDateTime(TimeOnly.MinValue),
            Communes = communes.OrderBy(c => c.Code, StringComparer.Ordinal).ToList(),
        };
        return (province.Name, form);
    }

    /// <summary>
    /// Saves the window and every commune's deadline of the form, after the same checks as the page; a commune of
    /// another province (or none at all) makes the whole save "not found".
    /// </summary>
    public async Task<CampaignSaveResult> SaveAsync(CampaignForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!user.IsInRole(AppRoles.Admin) || user.ProvinceId is not { } provinceId)
        {
            return CampaignSaveResult.NotFound;
        }

        if (!(await validator.ValidateAsync(form, cancellationToken)).IsValid)
        {
            return CampaignSaveResult.Invalid;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Id == provinceId, cancellationToken);
        if (province is null)
        {
            return CampaignSaveResult.NotFound;
        }

        var communes = await db.Communes.Where(c => c.ProvinceId == provinceId).ToDictionaryAsync(c => c.Id, cancellationToken);
        if (form.Communes.Any(row => !communes.ContainsKey(row.Id)))
        {
            return CampaignSaveResult.NotFound;
        }

        var start = DateOnly.FromDateTime(form.Start!.Value);
        var deadline = DateOnly.FromDateTime(form.Deadline!.Value);
        province.CampaignStart = start;
        province.Deadline = deadline;
        foreach (var row in form.Communes)
        {
            communes[row.Id].Deadline = row.Deadline is { } own ? DateOnly.FromDateTime(own) : null;
        }

        // A commune left out of the form keeps its deadline only while it lies inside the new window.
        foreach (var commune in communes.Values.Where(c => c.Deadline is { } d && (d > deadline || d < start)))
        {
            commune.Deadline = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditAction.Admin, target: $"campaign {Labels.Date(start)}–{Labels.Date(deadline)} saved", cancellationToken: cancellationToken);
        return CampaignSaveResult.Saved;
    }

    public async Task<CampaignDates?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var province = await db.Provinces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == user.ProvinceId, cancellationToken);
        if (province is null)
        {
            return null;
        }

        var commune = user.CommuneId is { } id ? await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        return new CampaignDates(province.Name, province.CampaignStart, province.Deadline, commune?.Name, commune?.Deadline);
    }

    public async Task<string?> SetCommuneDeadlineAsync(DateOnly? deadline, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var commune = await db.Communes.Include(c => c.Province).FirstOrDefaultAsync(c => c.Id == user.CommuneId, cancellationToken);
        if (commune is null)
        {
            return "member.not-found";
        }

        if (deadline is { } date && ((commune.Province!.Deadline is { } provinceDeadline && date > provinceDeadline)
            || (commune.Province.CampaignStart is { } start && date < start)))
        {
            return "campaign.commune-outside";
        }

        commune.Deadline = deadline;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
