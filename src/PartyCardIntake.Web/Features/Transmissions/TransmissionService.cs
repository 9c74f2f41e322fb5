using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Transmissions;

/// <summary>How making a day's package ended.</summary>
public enum TransmissionOutcome
{
    Created = 0,

    /// <summary>The day has not come yet.</summary>
    Future,

    /// <summary>The user is not a station lead of a commune.</summary>
    Denied,

    /// <summary>The day already has its package (perhaps another lead's, a moment ago).</summary>
    Exists,

    /// <summary>No approved record up to that day waits to be sent.</summary>
    Empty,

    /// <summary>A record changed while the package was made; nothing written.</summary>
    Changed,
}

/// <summary>The answer of <see cref="TransmissionService.CreateAsync"/>: the new package's id, or why there is none.</summary>
public sealed record TransmissionResult(TransmissionOutcome Outcome, Guid? Id = null)
{
    public bool Created => Outcome == TransmissionOutcome.Created;

    /// <summary>The sentence in Vietnamese.</summary>
    public string Message => Outcome switch
    {
        TransmissionOutcome.Created => Components.Labels.Message("done.transmission-created"),
        TransmissionOutcome.Future => Components.Labels.Message("transmission.future"),
        TransmissionOutcome.Denied => Resources.Ui.Transmission_Denied,
        TransmissionOutcome.Exists => Components.Labels.Message("transmission.exists"),
        TransmissionOutcome.Empty => Components.Labels.Message("transmission.empty"),
        _ => Components.Labels.Message("transmission.changed"),
    };

    public static TransmissionResult Of(TransmissionOutcome outcome) => new(outcome);
}

/// <summary>
/// Makes a day's transmission package: the commune's approved records up to that day that have not been sent,
/// in one transaction with the package row (one per commune and day, by a unique index) and the records marked
/// transmitted. Station leads of a commune only. Answers the package id, or why not, with nothing changed.
/// </summary>
public sealed class TransmissionService(
    IDbContextFactory<AppDbContext> factory,
    CurrentUser user,
    VietnamTime time,
    TimeProvider clock,
    Audit.AuditLog audit,
    ILogger<TransmissionService> logger)
{
    /// <summary>A station lead of a commune, as the Review policy.</summary>
    public bool MayCreate => user.CommuneId is not null && user.IsInRole(AppRoles.StationLead);

    /// <summary>
    /// Makes the package of <paramref name="day"/>. A circuit sends no request for the audit middleware to see: the
    /// attempt is written here, as the form post was (a package, a refusal, or a denial for want of the role).
    /// </summary>
    public async Task<TransmissionResult> CreateAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var result = await CreateCoreAsync(day, cancellationToken);
        var target = string.Create(CultureInfo.InvariantCulture, $"CHANGE /transmission/create {day:yyyy-MM-dd} → {result.Outcome}{(result.Id is { } id ? " " + id : string.Empty)}");
        await audit.RecordAsync(result.Outcome == TransmissionOutcome.Denied ? AuditAction.AccessDenied : AuditAction.Change, target: target, cancellationToken: CancellationToken.None);
        return result;
    }

    private async Task<TransmissionResult> CreateCoreAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (!MayCreate || user.CommuneId is not { } communeId)
        {
            return TransmissionResult.Of(TransmissionOutcome.Denied);
        }

        if (day > time.Today)
        {
            return TransmissionResult.Of(TransmissionOutcome.Future);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var code = await db.Communes.AsNoTracking().Where(c => c.Id == communeId).Select(c => c.Code).FirstOrDefaultAsync(cancellationToken);
        if (code is null)
        {
            return TransmissionResult.Of(TransmissionOutcome.Denied);
        }

        if (await db.Transmissions.AnyAsync(t => t.CommuneId == communeId && t.Day == day, cancellationToken))
        {
            return TransmissionResult.Of(TransmissionOutcome.Exists);
        }

        var until = VietnamTime.StartOfDayUtc(day.AddDays(1));
        var applications = await db.Applications
            .Where(a => a.CommuneId == communeId && a.State == ApplicationState.Approved && a.TransmissionId == null && a.ApprovedAt < until && a.Capture != null)
            .ToListAsync(cancellationToken);
        if (applications.Count == 0)
        {
            // Another lead's package for this day may have taken the records since the check above.
            return TransmissionResult.Of(await db.Transmissions.AnyAsync(t => t.CommuneId == communeId && t.Day == day, cancellationToken) ? TransmissionOutcome.Exists : TransmissionOutcome.Empty);
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
            return TransmissionResult.Of(TransmissionOutcome.Changed);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another lead made this day's package a moment ago.
            return TransmissionResult.Of(TransmissionOutcome.Exists);
        }

        logger.LogInformation("Transmission {Transmission} of commune {Commune} for {Day}: {Records} records, {Bytes} bytes", transmission.Id, communeId, day, records.Count, zip.Length);
        return new TransmissionResult(TransmissionOutcome.Created, transmission.Id);
    }
}
