using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Campaign;

public sealed record CampaignDates(string ProvinceName, DateOnly? Start, DateOnly? Deadline, string? CommuneName, DateOnly? CommuneDeadline);

/// <summary>
/// The campaign window: the province administrator sets the start and the deadline; a commune may only
/// narrow its own deadline, never past the province's.
/// </summary>
public sealed class CampaignService(IDbContextFactory<AppDbContext> factory, CurrentUser user)
{
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

    /// <summary>Null when saved, else a message code.</summary>
    public async Task<string?> SetProvinceAsync(DateOnly? start, DateOnly? deadline, CancellationToken cancellationToken = default)
    {
        if (start is null || deadline is null)
        {
            return "campaign.dates-required";
        }

        if (deadline < start)
        {
            return "campaign.deadline-before-start";
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Id == user.ProvinceId, cancellationToken);
        if (province is null)
        {
            return "member.not-found";
        }

        province.CampaignStart = start;
        province.Deadline = deadline;

        // A commune's narrower deadline that now falls outside the window is dropped, not left wrong.
        var communes = await db.Communes.Where(c => c.ProvinceId == province.Id && c.Deadline != null && (c.Deadline > deadline || c.Deadline < start)).ToListAsync(cancellationToken);
        foreach (var commune in communes)
        {
            commune.Deadline = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
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
