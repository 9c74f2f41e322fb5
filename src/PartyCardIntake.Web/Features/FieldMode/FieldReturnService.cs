using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.FieldMode;

public sealed record FieldHomeSummary(
    FieldKitState Kit,
    string CommuneName,
    string OfficerUserName,
    string OfficerName,
    string StationFingerprint,
    int Captured,
    int Outstanding,
    int Returned);

public sealed record FieldExport(byte[]? File, string? FileName, int Captures, string? Error)
{
    public static FieldExport Refused(string error) => new(null, null, 0, error);
}

public sealed record FieldReceiptResult(bool Applied, string Message, int Wiped = 0, int Remaining = 0);

/// <summary>
/// The laptop's side of the return: the capture package of everything no receipt covers yet, and the station's
/// receipt, which wipes the media of exactly the captures it lists and marks them returned.
/// </summary>
public sealed class FieldReturnService(
    ISystemDbContextFactory factory,
    FieldSecrets secrets,
    CaptureMediaProtector protector,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<FieldHomeSummary?> SummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var kit = await db.FieldKitStates.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (kit is null)
        {
            return null;
        }

        var commune = await db.Communes.Where(c => c.Id == kit.CommuneId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        var officer = await db.Users.Where(u => u.Id == kit.OfficerUserId).Select(u => new { u.UserName, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        var active = db.Applications.Where(a => a.State != ApplicationState.Cancelled);
        var captured = await active.CountAsync(cancellationToken);
        var outstanding = await FieldReturns.OutstandingAsync(db, cancellationToken);
        return new FieldHomeSummary(
            kit, commune ?? string.Empty, officer?.UserName ?? string.Empty, officer?.DisplayName ?? string.Empty,
            FieldEnvelope.Fingerprint(kit.StationPublicKey), captured, outstanding, captured - outstanding);
    }

    /// <summary>The sealed package of every capture not yet covered by a receipt, and the laptop's audit entries since the kit's import.</summary>
    public async Task<FieldExport> ExportAsync(CancellationToken cancellationToken = default)
    {
        if (secrets.Keys is not { } keys)
        {
            return FieldExport.Refused(Ui.FieldMode_Locked);
        }

        await using var db = factory.CreateDbContext();
        var kit = await db.FieldKitStates.FirstOrDefaultAsync(cancellationToken);
        if (kit is null)
        {
            return FieldExport.Refused(Ui.FieldMode_NoKit);
        }

        var commune = await db.Communes.Where(c => c.Id == kit.CommuneId).Select(c => c.Code).SingleAsync(cancellationToken);
        var users = await db.Users.ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.FieldKitId == null && a.State != ApplicationState.Cancelled && a.Capture != null)
            .OrderBy(a => a.SubmittedAt)
            .Select(a => new { a.IdempotencyKey, a.MemberId, a.Member!.IdNumber, a.SubmittedBy, a.Capture })
            .ToListAsync(cancellationToken);
        var captures = rows.Select(r => new FieldCapture(
            r.IdempotencyKey, r.MemberId, r.IdNumber.Value, r.Capture!.CapturedAt, users.GetValueOrDefault(r.SubmittedBy, r.SubmittedBy),
            protector.Unprotect(r.Capture.Photo), r.Capture.PhotoWidth, r.Capture.PhotoHeight, r.Capture.PhotoSha256,
            protector.Unprotect(r.Capture.Signature), r.Capture.SignatureSha256, protector.UnprotectText(r.Capture.SignatureStrokes))).ToList();
        // The action is stored as its name: the number is taken after reading, not in SQL.
        var trail = (await db.AuditEntries.AsNoTracking()
            .Where(e => e.At >= kit.ImportedAt)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken))
            .Select(e => new FieldAuditEntry(e.At, e.UserName ?? string.Empty, (int)e.Action, e.MemberId, e.Target))
            .ToList();

        var now = clock.GetUtcNow();
        using var signer = ECDsa.Create();
        signer.ImportPkcs8PrivateKey(keys.PackageSigningKey, out _);
        var header = new FieldEnvelopeHeader(FieldEnvelope.CurrentFormat, kit.KitId, commune, now, signer.ExportSubjectPublicKeyInfo());
        var plain = CapturePackage.Write(new CapturePackageContent(kit.KitId, commune, now, captures, trail));
        var file = FieldEnvelope.Seal(FieldFileKind.Package, header, plain, keys.ReturnKey, signer);
        CryptographicOperations.ZeroMemory(plain);

        kit.LastExportAt = now.UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditAction.FieldTransfer, target: $"package-export {kit.KitId} captures={captures.Count}", cancellationToken: cancellationToken);
        var name = $"goi-thu-nhan-{commune}-{VietnamTime.ToLocal(now.UtcDateTime):ddMMyyyy-HHmm}.pcipkg";
        return new FieldExport(file, name, captures.Count, null);
    }

    /// <summary>Checks the station's signature and the kit, then wipes exactly the captures the receipt lists.</summary>
    public async Task<FieldReceiptResult> ApplyReceiptAsync(byte[] file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var db = factory.CreateDbContext();
        var kit = await db.FieldKitStates.FirstOrDefaultAsync(cancellationToken);
        if (kit is null)
        {
            return new FieldReceiptResult(false, Ui.FieldMode_NoKit);
        }

        FieldReceipt receipt;
        try
        {
            using var station = ECDsa.Create();
            station.ImportSubjectPublicKeyInfo(kit.StationPublicKey, out _);
            receipt = FieldReceiptFile.Verify(file, station);
        }
        catch (Exception e) when (e is FieldFileException or CryptographicException or System.Text.Json.JsonException)
        {
            return new FieldReceiptResult(false, Ui.FieldMode_ReceiptInvalid);
        }

        var commune = await db.Communes.Where(c => c.Id == kit.CommuneId).Select(c => c.Code).SingleAsync(cancellationToken);
        if (receipt.KitId != kit.KitId || receipt.CommuneCode != commune)
        {
            return new FieldReceiptResult(false, Ui.FieldMode_ReceiptOtherKit);
        }

        var keys = receipt.Items.Select(i => i.IdempotencyKey).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var wiped = 0;
        await db.RunAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var covered = await db.Applications.Include(a => a.Capture)
                    .Where(a => a.FieldKitId == null && keys.Contains(a.IdempotencyKey))
                    .ToListAsync(ct);
                foreach (var application in covered)
                {
                    application.Capture?.DeleteMedia(now);
                }

                await db.SaveChangesAsync(ct);
                var ids = covered.Select(a => a.Id).ToList();
                var members = covered.Select(a => a.MemberId).ToList();
                await db.Applications.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.FieldKitId, kit.KitId), ct);
                await db.CaptureDrafts.Where(d => members.Contains(d.MemberId)).ExecuteDeleteAsync(ct);
                kit.LastReceiptAt = now;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                wiped = covered.Count;
            },
            cancellationToken);

        var remaining = await FieldReturns.OutstandingAsync(db, cancellationToken);
        await audit.RecordAsync(AuditAction.FieldTransfer, target: $"receipt {kit.KitId} wiped={wiped} remaining={remaining}", cancellationToken: cancellationToken);
        return new FieldReceiptResult(true, string.Format(Ui.Culture, Ui.FieldMode_ReceiptApplied, wiped, remaining), wiped, remaining);
    }
}
