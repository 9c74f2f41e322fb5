using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Transmissions;

/// <summary>
/// Makes a day's transmission package: the commune's approved records up to that day that have not been sent,
/// in one transaction with the package row (one per commune and day, by a unique index) and the records marked
/// transmitted. Answers the package id, or a message code with nothing changed.
/// </summary>
public sealed class TransmissionService(
    IDbContextFactory<AppDbContext> factory,
    CurrentUser user,
    VietnamTime time,
    TimeProvider clock,
    ILogger<TransmissionService> logger)
{
    public async Task<(Guid? Id, string? Error)> CreateAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        if (day > time.Today)
        {
            return (null, "transmission.future");
        }

        var communeId = user.CommuneId ?? throw new InvalidOperationException("Commune users only.");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var code = await db.Communes.AsNoTracking().Where(c => c.Id == communeId).Select(c => c.Code).FirstOrDefaultAsync(cancellationToken);
        if (code is null)
        {
            return (null, "transmission.not-found");
        }

        if (await db.Transmissions.AnyAsync(t => t.CommuneId == communeId && t.Day == day, cancellationToken))
        {
            return (null, "transmission.exists");
        }

        var until = VietnamTime.StartOfDayUtc(day.AddDays(1));
        var applications = await db.Applications
            .Where(a => a.CommuneId == communeId && a.State == ApplicationState.Approved && a.TransmissionId == null && a.ApprovedAt < until && a.Capture != null)
            .ToListAsync(cancellationToken);
        if (applications.Count == 0)
        {
            // Another lead's package for this day may have taken the records since the check above.
            return (null, await db.Transmissions.AnyAsync(t => t.CommuneId == communeId && t.Day == day, cancellationToken) ? "transmission.exists" : "transmission.empty");
        }

        var ids = applications.Select(a => a.Id).ToList();
        var records = await PackageRecords.LoadAsync(db.Applications.Where(a => ids.Contains(a.Id)), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var transmission = new Transmission
        {
            Id = Guid.NewGuid(),
            CommuneId = communeId,
            Day = day,
            CreatedAt = now,
            CreatedBy = user.UserId ?? throw new InvalidOperationException("A signed-in user makes packages."),
            Sha256 = string.Empty,
        };
        var zip = TransmissionPackage.Build(new PackageHeader(transmission.Id, code, day), records);
        transmission.Records = records.Count;
        transmission.Bytes = zip.Length;
        transmission.Sha256 = TransmissionPackage.Sha256(zip);
        db.Transmissions.Add(transmission);
        foreach (var application in applications)
        {
            application.MarkTransmitted(now, transmission.Id);
        }

        // One save is one transaction: the package row, the records and their counts, or nothing.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A record was returned or sent in another package meanwhile.
            return (null, "transmission.changed");
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another lead made this day's package a moment ago.
            return (null, "transmission.exists");
        }

        logger.LogInformation("Transmission {Transmission} of commune {Commune} for {Day}: {Records} records, {Bytes} bytes", transmission.Id, communeId, day, records.Count, zip.Length);
        return (transmission.Id, null);
    }
}
