using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Security;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Transmissions;

/// <param name="MediaDeletedAt">When the retention rule deleted media of the package's records: it can no longer be rebuilt.</param>
public sealed record TransmissionRow(Guid Id, DateOnly Day, int Records, long Bytes, string Sha256, DateTime CreatedAt, string CreatedBy, DateTime? MediaDeletedAt = null);

public sealed record TransmissionOverview(IReadOnlyList<TransmissionRow> Packages, int Waiting);

public sealed record PackageFile(string FileName, byte[] Bytes);

/// <summary>A package to download, or, once its media are deleted, only the checksum it had (<see cref="File"/> null).</summary>
public sealed record PackageDownload(PackageFile? File, string Sha256, DateTime? MediaDeletedAt);

/// <summary>The commune's packages, and a package rebuilt from its records for download.</summary>
public sealed class TransmissionQueries(IDbContextFactory<AppDbContext> factory, CurrentUser user, ILogger<TransmissionQueries> logger)
{
    /// <summary>A station lead of a commune, as the Review policy; anyone else reads nothing.</summary>
    public bool MayRead => user.CommuneId is not null && user.IsInRole(AppRoles.StationLead);

    public async Task<TransmissionOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        if (!MayRead)
        {
            return new TransmissionOverview([], 0);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var packages = await db.Transmissions.AsNoTracking()
            .OrderByDescending(t => t.Day)
            .Take(200)
            .Select(t => new
            {
                Transmission = t,
                MediaDeletedAt = db.ApplicationCaptures.Where(c => c.Application!.TransmissionId == t.Id).Max(c => c.MediaDeletedAt),
            })
            .ToListAsync(cancellationToken);
        var creators = packages.Select(p => p.Transmission.CreatedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => creators.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var waiting = await db.Applications.AsNoTracking()
            .CountAsync(a => a.State == ApplicationState.Approved && a.TransmissionId == null && a.Capture != null, cancellationToken);
        return new TransmissionOverview(
            packages.Select(p => new TransmissionRow(
                p.Transmission.Id, p.Transmission.Day, p.Transmission.Records, p.Transmission.Bytes, p.Transmission.Sha256, p.Transmission.CreatedAt,
                names.GetValueOrDefault(p.Transmission.CreatedBy, Ui.Transmission_UnknownUser), p.MediaDeletedAt)).ToList(),
            waiting);
    }

    /// <summary>
    /// Rebuilds a package from the records it carried. A checksum that differs from the one taken when it was made
    /// means the records changed since (a corrected name, say): the file is still given, and the difference logged.
    /// Once the retention rule has deleted the photos and signatures of any of its records, the package cannot be
    /// rebuilt as it was sent: no file, only the checksum it had.
    /// </summary>
    public async Task<PackageDownload?> DownloadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!MayRead)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var transmission = await db.Transmissions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (transmission is null)
        {
            return null;
        }

        var deleted = await db.ApplicationCaptures.AsNoTracking()
            .Where(c => c.Application!.TransmissionId == id)
            .MaxAsync(c => c.MediaDeletedAt, cancellationToken);
        if (deleted is not null)
        {
            return new PackageDownload(null, transmission.Sha256, deleted);
        }

        var code = await db.Communes.AsNoTracking().Where(c => c.Id == transmission.CommuneId).Select(c => c.Code).FirstAsync(cancellationToken);
        var records = await PackageRecords.LoadAsync(db.Applications.Where(a => a.TransmissionId == id), cancellationToken);
        var zip = TransmissionPackage.Build(new PackageHeader(transmission.Id, code, transmission.Day), records);
        var sha = TransmissionPackage.Sha256(zip);
        if (sha != transmission.Sha256)
        {
            logger.LogError(
                "Transmission {Transmission} rebuilt with checksum {Rebuilt} instead of {Stored} ({Records} records now, {Expected} when made)",
                id, sha, transmission.Sha256, records.Count, transmission.Records);
        }

        var file = new PackageFile(string.Create(CultureInfo.InvariantCulture, $"goi-truyen-{code}-{transmission.Day:yyyyMMdd}.zip"), zip);
        return new PackageDownload(file, transmission.Sha256, null);
    }
}
