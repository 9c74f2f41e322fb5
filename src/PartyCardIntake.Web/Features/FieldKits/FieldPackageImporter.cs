using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.FieldKits;

/// <summary>
/// How an import ended: the stored import and its signed receipt, or a refusal with the HTTP status the API answers
/// and the Vietnamese sentence. A refusal has written nothing.
/// </summary>
public sealed record FieldImportResult(int StatusCode, string? Error, FieldPackageImport? Import = null, bool Repeated = false)
{
    public bool Succeeded => Error is null;

    public byte[]? Receipt => Import?.Receipt;

    public static FieldImportResult Refused(int statusCode, string error) => new(statusCode, error);
}

/// <summary>
/// Takes a capture package back from a laptop (docs/home-visits.md). Every check runs before anything is written:
/// the kit and its state, the signature, every checksum, each capture's member, time and images. Then one unit of
/// work writes the new applications, the flags for members captured at the station meanwhile, and the import with
/// its signed receipt. Keyed on each capture's idempotency key, so a second import adds nothing.
/// </summary>
public sealed class FieldPackageImporter(
    IDbContextFactory<AppDbContext> factory,
    ISystemDbContextFactory systemFactory,
    CurrentUser user,
    TimeProvider clock,
    IOptions<FieldOptions> options,
    IOptions<MediaOptions> media,
    IDataProtectionProvider protection,
    FieldStationKeys stationKeys,
    AuditLog audit,
    ILogger<FieldPackageImporter> logger)
{
    public long MaxBytes => options.Value.MaxPackageBytes;

    /// <summary>A station lead or an intake officer of a commune: the officer back from the field may hand the package in.</summary>
    public bool CanImport => user.CommuneId is not null && (user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.IntakeOfficer));

    /// <summary>Reads at most <see cref="MaxBytes"/> from <paramref name="stream"/>; a longer stream is refused before the rest is read.</summary>
    public async Task<FieldImportResult> ImportAsync(Stream stream, long? declaredLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (declaredLength > MaxBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return await ImportAsync(buffer.ToArray(), cancellationToken);
    }

    public async Task<FieldImportResult> ImportAsync(byte[] file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!CanImport)
        {
            return FieldImportResult.Refused(StatusCodes.Status403Forbidden, Ui.FieldKits_Pkg_Forbidden);
        }

        if (file.Length == 0)
        {
            return FieldImportResult.Refused(StatusCodes.Status400BadRequest, Ui.FieldKits_Pkg_Empty);
        }

        if (file.Length > MaxBytes)
        {
            return TooLarge();
        }

        var communeId = user.CommuneId!.Value;
        FieldEnvelopeHeader header;
        try
        {
            header = FieldEnvelope.ReadHeader(file, FieldFileKind.Package, MaxBytes);
        }
        catch (FieldFileException ex)
        {
            return Corrupt(ex);
        }

        var (kit, communeCode) = await KitAsync(header.KitId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = kit is null ? FieldImportResult.Refused(StatusCodes.Status404NotFound, Ui.FieldKits_Pkg_UnknownKit)
            : kit.CommuneId != communeId ? FieldImportResult.Refused(StatusCodes.Status403Forbidden, Ui.FieldKits_Pkg_OtherCommune)
            : kit.RevokedAt is not null ? FieldImportResult.Refused(StatusCodes.Status409Conflict, Ui.FieldKits_Pkg_Revoked)
            : now > kit.ExpiresAt.AddDays(options.Value.ReturnDays) ? FieldImportResult.Refused(
                StatusCodes.Status409Conflict,
                string.Format(Ui.Culture, Ui.FieldKits_Pkg_TooLate, Labels.DateTime(VietnamTime.ToLocal(kit.ExpiresAt)), options.Value.ReturnDays.ToString(CultureInfo.InvariantCulture)))
            : header.CommuneCode != communeCode ? FieldImportResult.Refused(StatusCodes.Status400BadRequest, Ui.FieldKits_Pkg_CommuneCode)
            : !header.SignerKey.AsSpan().SequenceEqual(kit.PackageVerifyKey) ? FieldImportResult.Refused(StatusCodes.Status400BadRequest, Ui.FieldKits_Pkg_WrongSigner)
            : null;
        if (refusal is not null)
        {
            return refusal;
        }

        CapturePackageContent content;
        try
        {
            using var verifier = ECDsa.Create();
            verifier.ImportSubjectPublicKeyInfo(kit!.PackageVerifyKey, out _);
            var returnKey = protection.CreateProtector(FieldKitMaker.ReturnKeyPurpose).Unprotect(Convert.FromBase64String(kit.ReturnKeyProtected));
            var plaintext = FieldEnvelope.Open(file, FieldFileKind.Package, MaxBytes, returnKey, verifier);
            CryptographicOperations.ZeroMemory(returnKey);
            content = CapturePackage.Read(plaintext, MaxBytes);
        }
        catch (FieldFileException ex)
        {
            return Corrupt(ex);
        }

        if (content.KitId != header.KitId || content.CommuneCode != header.CommuneCode)
        {
            return FieldImportResult.Refused(StatusCodes.Status400BadRequest, Ui.FieldKits_Pkg_Corrupt);
        }

        var sha = CapturePackage.Sha256Hex(file);
        var (captures, error) = await CheckCapturesAsync(kit, content, cancellationToken);
        if (error is not null)
        {
            return FieldImportResult.Refused(StatusCodes.Status400BadRequest, error);
        }

        using var stationKey = await stationKeys.GetOrCreateAsync(communeId, cancellationToken);
        var written = await WriteAsync(kit, communeCode!, sha, captures, stationKey, cancellationToken);
        if (!written.Repeated)
        {
            await AuditAsync(kit, written.Import!, captures, content.Audit, cancellationToken);
            logger.LogInformation("Field package of kit {Kit} imported: {Added} added, {Present} already present, {Flagged} flagged", kit.Id, written.Import!.Added, written.Import.AlreadyPresent, written.Import.Flagged);
        }

        return written;
    }

    private async Task<(FieldKit? Kit, string? CommuneCode)> KitAsync(Guid kitId, CancellationToken cancellationToken)
    {
        // Without the commune filter, only to tell another commune's package from an unknown one.
        await using var db = systemFactory.CreateDbContext();
        var kit = await db.FieldKits.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.Id == kitId, cancellationToken);
        if (kit is null)
        {
            return (null, null);
        }

        var code = await db.Communes.IgnoreQueryFilters().Where(c => c.Id == kit.CommuneId).Select(c => c.Code).FirstAsync(cancellationToken);
        return (kit, code);
    }

    private sealed record CheckedCapture(FieldCapture Field, PartyMember Member, ApplicationCapture Capture);

    /// <summary>Each capture's member (same id number, in the commune), time inside the kit's life, and images as the desk would take them.</summary>
    private async Task<(List<CheckedCapture> Captures, string? Error)> CheckCapturesAsync(FieldKit kit, CapturePackageContent content, CancellationToken cancellationToken)
    {
        var ids = content.Captures.Select(c => c.MemberId).Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var members = await db.PartyMembers.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var rules = media.Value;
        var result = new List<CheckedCapture>();
        foreach (var capture in content.Captures)
        {
            var memberRef = capture.MemberId.ToString(CultureInfo.InvariantCulture);
            if (!members.TryGetValue(capture.MemberId, out var member) || member.IdNumber.Value != capture.IdNumber)
            {
                return ([], string.Format(Ui.Culture, Ui.FieldKits_Pkg_Member, memberRef));
            }

            if (capture.CapturedAt < kit.CreatedAt || capture.CapturedAt > kit.ExpiresAt)
            {
                return ([], string.Format(Ui.Culture, Ui.FieldKits_Pkg_CaptureTime, memberRef, Labels.DateTime(VietnamTime.ToLocal(DateTime.SpecifyKind(capture.CapturedAt, DateTimeKind.Utc)))));
            }

            var photo = PhotoValidator.Validate(capture.Photo, rules.Photo);
            if (!photo.IsValid)
            {
                return ([], string.Format(Ui.Culture, Ui.FieldKits_Pkg_Media, memberRef, Labels.PhotoError(photo.Error!.Value)));
            }

            var signature = SignatureValidator.Validate(capture.Signature, capture.SignatureStrokes, rules.Signature);
            if (!signature.IsValid)
            {
                return ([], string.Format(Ui.Culture, Ui.FieldKits_Pkg_Media, memberRef, Labels.SignatureError(signature.Error!.Value)));
            }

            var capturedAt = DateTime.SpecifyKind(capture.CapturedAt, DateTimeKind.Utc);
            result.Add(new CheckedCapture(
                capture with { CapturedAt = capturedAt },
                member,
                ApplicationCapture.Create(photo.Jpeg!, photo.Width, photo.Height, photo.Sha256!, signature.Png!, signature.StrokesJson!, signature.Sha256!, capturedAt)));
        }

        return (result, null);
    }

    private async Task<FieldImportResult> WriteAsync(FieldKit kit, string communeCode, string sha, List<CheckedCapture> captures, ECDsa stationKey, CancellationToken cancellationToken)
    {
        // A concurrent import of the same captures loses at a unique index; the repeat then finds them present.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            try
            {
                return await db.RunAsync(ct => WriteOnceAsync(db, kit, communeCode, sha, captures, stationKey, ct), cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt == 0 && DbErrors.IsUniqueViolation(ex))
            {
                logger.LogInformation("Field package of kit {Kit} met a concurrent import; reading again", kit.Id);
            }
        }
    }

    private async Task<FieldImportResult> WriteOnceAsync(AppDbContext db, FieldKit kit, string communeCode, string sha, List<CheckedCapture> captures, ECDsa stationKey, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.FieldPackageImports.AsNoTracking().FirstOrDefaultAsync(i => i.KitId == kit.Id && i.PackageSha256 == sha, cancellationToken) is { } earlier)
        {
            return new FieldImportResult(StatusCodes.Status200OK, null, earlier, Repeated: true);
        }

        var keys = captures.Select(c => c.Field.IdempotencyKey).ToList();
        var memberIds = captures.Select(c => c.Member.Id).Distinct().ToList();
        var knownKeys = (await db.Applications.Where(a => keys.Contains(a.IdempotencyKey)).Select(a => a.IdempotencyKey).ToListAsync(cancellationToken))
            .Concat(await db.FieldCaptureFlags.Where(f => keys.Contains(f.IdempotencyKey)).Select(f => f.IdempotencyKey).ToListAsync(cancellationToken))
            .ToHashSet();
        var active = await db.Applications.Where(a => memberIds.Contains(a.MemberId) && a.State != ApplicationState.Cancelled)
            .Select(a => new { a.MemberId, a.Id }).ToDictionaryAsync(a => a.MemberId, a => a.Id, cancellationToken);

        // The station the lead chose for the kit; a kit whose device was since removed falls back to the commune's first.
        var stations = await FieldKitMaker.StationsOf(db, kit.CommuneId, cancellationToken);
        var station = stations.FirstOrDefault(s => s.DeviceId == kit.DeviceId) ?? stations.FirstOrDefault();
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<FieldReceiptItem>();
        foreach (var capture in captures)
        {
            var field = capture.Field;
            if (!knownKeys.Add(field.IdempotencyKey))
            {
                items.Add(new FieldReceiptItem(field.IdempotencyKey, FieldReceiptOutcome.AlreadyPresent));
                continue;
            }

            if (active.TryGetValue(capture.Member.Id, out var stationRecord))
            {
                db.FieldCaptureFlags.Add(new FieldCaptureFlag
                {
                    CommuneId = kit.CommuneId,
                    KitId = kit.Id,
                    MemberId = capture.Member.Id,
                    IdempotencyKey = field.IdempotencyKey,
                    CapturedAt = field.CapturedAt,
                    CapturedBy = field.CapturedBy,
                    PhotoSha256 = field.PhotoSha256,
                    SignatureSha256 = field.SignatureSha256,
                    StationApplicationId = stationRecord,
                    FlaggedAt = now,
                });
                items.Add(new FieldReceiptItem(field.IdempotencyKey, FieldReceiptOutcome.Flagged));
                continue;
            }

            var application = Application.SubmitFromField(
                Guid.CreateVersion7(), capture.Member, kit.Id, station?.SiteId, station?.DeviceId, kit.OfficerId, field.CapturedAt, field.IdempotencyKey, capture.Capture, now);
            db.Applications.Add(application);
            active[capture.Member.Id] = application.Id;
            items.Add(new FieldReceiptItem(field.IdempotencyKey, FieldReceiptOutcome.Added));
        }

        var receipt = new FieldReceipt(1, kit.Id, communeCode, sha, new DateTimeOffset(now, TimeSpan.Zero), items);
        var import = new FieldPackageImport
        {
            Id = Guid.CreateVersion7(),
            CommuneId = kit.CommuneId,
            KitId = kit.Id,
            PackageSha256 = sha,
            ImportedAt = now,
            ImportedBy = user.UserName,
            Added = items.Count(i => i.Outcome == FieldReceiptOutcome.Added),
            AlreadyPresent = items.Count(i => i.Outcome == FieldReceiptOutcome.AlreadyPresent),
            Flagged = items.Count(i => i.Outcome == FieldReceiptOutcome.Flagged),
            Receipt = FieldReceiptFile.Sign(receipt, stationKey),
        };
        db.FieldPackageImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FieldImportResult(StatusCodes.Status200OK, null, import);
    }

    private async Task AuditAsync(FieldKit kit, FieldPackageImport import, List<CheckedCapture> captures, IReadOnlyList<FieldAuditEntry> fieldEntries, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(AuditAction.FieldImport, target: $"package {import.PackageSha256[..16]} kit {kit.Id}: +{import.Added} ={import.AlreadyPresent} !{import.Flagged}", cancellationToken: cancellationToken);
        foreach (var capture in captures)
        {
            await audit.RecordAsync(AuditAction.FieldImport, capture.Member.Id, $"field capture kit {kit.Id} at {capture.Field.CapturedAt:yyyy-MM-ddTHH:mm:ssZ} by {capture.Field.CapturedBy}", cancellationToken: cancellationToken);
        }

        foreach (var entry in fieldEntries)
        {
            var action = Enum.IsDefined(typeof(AuditAction), entry.Action) ? ((AuditAction)entry.Action).ToString() : entry.Action.ToString(CultureInfo.InvariantCulture);
            await audit.RecordAsync(AuditAction.FieldImport, entry.MemberId, $"field {entry.At:yyyy-MM-ddTHH:mm:ssZ} {entry.UserName} {action} {entry.Target}".TrimEnd(), cancellationToken: cancellationToken);
        }
    }

    private FieldImportResult TooLarge() => FieldImportResult.Refused(
        StatusCodes.Status413PayloadTooLarge,
        string.Format(Ui.Culture, Ui.FieldKits_Pkg_TooLarge, (MaxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)));

    private FieldImportResult Corrupt(FieldFileException ex)
    {
        logger.LogWarning("Field package refused: {Error}", ex.Error);
        return ex.Error switch
        {
            FieldFileError.NotThisKind => FieldImportResult.Refused(StatusCodes.Status400BadRequest, Ui.FieldKits_Pkg_NotPackage),
            FieldFileError.TooLarge => TooLarge(),
            _ => FieldImportResult.Refused(StatusCodes.Status400BadRequest, Ui.FieldKits_Pkg_Corrupt),
        };
    }
}
