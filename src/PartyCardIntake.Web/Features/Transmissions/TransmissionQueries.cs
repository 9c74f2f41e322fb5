using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Transmissions;

public sealed record TransmissionRow(Guid Id, DateOnly Day, int Records, long Bytes, string Sha256, DateTime CreatedAt, string CreatedBy);

public sealed record TransmissionOverview(IReadOnlyList<TransmissionRow> Packages, int Waiting);

public sealed record PackageFile(string FileName, byte[] Bytes);

/// <summary>The commune's packages, and a package rebuilt from its records for download.</summary>
public sealed class TransmissionQueries(IDbContextFactory<AppDbContext> factory, ILogger<TransmissionQueries> logger)
{
    public async Task<TransmissionOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var packages = await db.Transmissions.AsNoTracking()
            .OrderByDescending(t => t.Day)
            .Take(200)
            .ToListAsync(cancellationToken);
        var creators = packages.Select(t => t.CreatedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => creators.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var waiting = await db.Applications.AsNoTracking()
            .CountAsync(a => a.State == ApplicationState.Approved && a.TransmissionId == null && a.Capture != null, cancellationToken);
        return new TransmissionOverview(
            packages.Select(t => new TransmissionRow(t.Id, t.Day, t.Records, t.Bytes, t.Sha256, t.CreatedAt, names.GetValueOrDefault(t.CreatedBy, Ui.Transmission_UnknownUser))).ToList(),
            waiting);
    }

    /// <summary>
    /// Rebuilds a package from the records it carried. A checksum that differs from the one taken when it was made
    /// means the records changed since (a corrected name, say): the file is still given, and the difference logged.
    /// </summary>
    public async Task<PackageFile?> DownloadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var transmission = await db.Transmissions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (transmission is null)
        {
            return null;
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

        return new PackageFile(string.Create(CultureInfo.InvariantCulture, $"goi-truyen-{code}-{transmission.Day:yyyyMMdd}.zip"), zip);
    }
}
