using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.FieldKits;

public sealed record FieldFlagRow(long Id, int MemberId, string MemberName, DateTime FieldCapturedAt, DateTime? StationSubmittedAt);

public sealed record FieldImportRow(Guid Id, DateTime ImportedAt, Guid KitId, string OfficerUserName, int Added, int AlreadyPresent, int Flagged);

/// <summary>The commune's imports and the flags still to look at; a lead's reading and closing of flags.</summary>
public sealed class FieldPackageQueries(IDbContextFactory<AppDbContext> factory, CurrentUser user, TimeProvider clock, AuditLog audit)
{
    public bool CanManage => user.IsInRole(AppRoles.StationLead) && user.CommuneId is not null;

    public async Task<IReadOnlyList<FieldFlagRow>> OpenFlagsAsync(CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.FieldCaptureFlags.AsNoTracking()
            .Where(f => f.ResolvedAt == null)
            .OrderBy(f => f.FlaggedAt).ThenBy(f => f.Id)
            .Select(f => new FieldFlagRow(
                f.Id,
                f.MemberId,
                f.Member!.FullName,
                f.CapturedAt,
                db.Applications.Where(a => a.Id == f.StationApplicationId).Select(a => (DateTime?)a.SubmittedAt).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FieldImportRow>> ImportsAsync(CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.FieldPackageImports.AsNoTracking()
            .OrderByDescending(i => i.ImportedAt)
            .Select(i => new FieldImportRow(
                i.Id, i.ImportedAt, i.KitId,
                db.FieldKits.Where(k => k.Id == i.KitId).Select(k => k.OfficerUserName).FirstOrDefault() ?? string.Empty,
                i.Added, i.AlreadyPresent, i.Flagged))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The signed receipt of an import of the commune, to hand to the laptop again.</summary>
    public async Task<byte[]?> ReceiptAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.FieldPackageImports.AsNoTracking().Where(i => i.Id == importId).Select(i => i.Receipt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Someone looked at both records: the flag closes; the station's record stays as it is.</summary>
    public async Task<bool> ResolveAsync(long flagId, CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var flag = await db.FieldCaptureFlags.FirstOrDefaultAsync(f => f.Id == flagId && f.ResolvedAt == null, cancellationToken);
        if (flag is null)
        {
            return false;
        }

        flag.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        flag.ResolvedBy = user.UserName;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditAction.FieldImport, flag.MemberId, $"field capture flag {flag.Id} resolved", cancellationToken: cancellationToken);
        return true;
    }
}
