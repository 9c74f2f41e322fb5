using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>Which field of the setup form a refusal belongs beside.</summary>
public enum FieldSetupField
{
    File,
    Passphrase,
    Password,
}

public sealed record FieldKitImportResult(bool Imported, FieldSetupField? Field, string Message, string? Fingerprint = null)
{
    public static FieldKitImportResult Refused(FieldSetupField field, string message) => new(false, field, message);
}

/// <summary>
/// Opens a kit on the laptop and writes its members, checks, visits, station and officer into the laptop's own
/// database with the station's ids, so that a package names the same rows. Nothing is written unless every check passes.
/// </summary>
public sealed class FieldKitImport(
    ISystemDbContextFactory factory,
    IOptions<FieldOptions> options,
    IPasswordHasher<AppUser> hasher,
    FieldSecrets secrets,
    FieldModeState state,
    AuditLog audit,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<FieldKitImportResult> ImportAsync(byte[] file, string passphrase, string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var settings = options.Value;
        FieldEnvelopeHeader header;
        try
        {
            header = FieldEnvelope.ReadHeader(file, FieldFileKind.Kit, settings.MaxKitBytes);
        }
        catch (FieldFileException e)
        {
            return FieldKitImportResult.Refused(FieldSetupField.File, FileMessage(e.Error));
        }

        if (header.Kdf is not { IsReasonable: true } kdf)
        {
            return FieldKitImportResult.Refused(FieldSetupField.File, Ui.FieldMode_KitDamaged);
        }

        var fingerprint = FieldEnvelope.Fingerprint(header.SignerKey);
        if (settings.TrustedStationKeys is { Count: > 0 } trusted && !trusted.Any(t => string.Equals(Compact(t), Compact(fingerprint), StringComparison.OrdinalIgnoreCase)))
        {
            return FieldKitImportResult.Refused(FieldSetupField.File, string.Format(Ui.Culture, Ui.FieldMode_KitUntrusted, fingerprint));
        }

        FieldKitContent? content;
        var key = FieldKeyDerivation.Derive(FieldPassphrase.Normalize(passphrase ?? string.Empty), kdf);
        try
        {
            using var verifier = ECDsa.Create();
            verifier.ImportSubjectPublicKeyInfo(header.SignerKey, out _);
            var plain = FieldEnvelope.Open(file, FieldFileKind.Kit, settings.MaxKitBytes, key, verifier);
            content = JsonSerializer.Deserialize<FieldKitContent>(plain, Json);
            CryptographicOperations.ZeroMemory(plain);
        }
        catch (FieldFileException e) when (e.Error == FieldFileError.DecryptionFailed)
        {
            return FieldKitImportResult.Refused(FieldSetupField.Passphrase, Ui.FieldMode_PassphraseWrong);
        }
        catch (Exception e) when (e is FieldFileException or CryptographicException or JsonException)
        {
            return FieldKitImportResult.Refused(FieldSetupField.File, Ui.FieldMode_KitDamaged);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        if (content is null || content.KitId != header.KitId || content.Commune.Code != header.CommuneCode
            || !content.Keys.StationPublicKey.AsSpan().SequenceEqual(header.SignerKey))
        {
            return FieldKitImportResult.Refused(FieldSetupField.File, Ui.FieldMode_KitDamaged);
        }

        var now = clock.GetUtcNow();
        if (content.ExpiresAt <= now)
        {
            return FieldKitImportResult.Refused(FieldSetupField.File, string.Format(Ui.Culture, Ui.FieldMode_KitExpired, Components.Labels.DateTime(Hosting.VietnamTime.ToLocal(content.ExpiresAt.UtcDateTime))));
        }

        var officer = content.Officer;
        var probe = new AppUser { Id = officer.UserId, UserName = officer.UserName };
        if (!string.Equals(userName?.Trim(), officer.UserName, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(password)
            || hasher.VerifyHashedPassword(probe, officer.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return FieldKitImportResult.Refused(FieldSetupField.Password, Ui.FieldMode_OfficerWrong);
        }

        await using var db = factory.CreateDbContext();
        if (await FieldReturns.OutstandingAsync(db, cancellationToken) > 0)
        {
            return FieldKitImportResult.Refused(FieldSetupField.File, Ui.FieldMode_KitCapturesOutstanding);
        }

        var keys = new FieldKeys(RandomNumberGenerator.GetBytes(32), content.Keys.PackageSigningKey, content.Keys.ReturnKey);
        var wrapKdf = settings.NewKdf();
        var wrapped = FieldSecrets.Wrap(keys, password, wrapKdf);
        try
        {
            await WriteAllAsync(db, content, wrapped, wrapKdf, now.UtcDateTime, cancellationToken);
        }
        catch (Exception e) when (e is DomainException or FormatException)
        {
            // A member the laptop's own rules refuse (ID number against sex and year): the whole kit is refused.
            return FieldKitImportResult.Refused(FieldSetupField.File, Ui.FieldMode_KitDamaged);
        }

        secrets.Hold(keys);
        state.Reset();
        await audit.RecordAsync(
            AuditAction.FieldTransfer,
            target: $"kit-import {content.KitId} members={content.Members.Count} station-key={fingerprint}",
            actor: new AuditActor(officer.UserName, string.Join(',', officer.Roles.Order(StringComparer.Ordinal)), content.Commune.Id, content.Commune.ProvinceId),
            cancellationToken: cancellationToken);
        return new FieldKitImportResult(true, null, string.Format(Ui.Culture, Ui.FieldMode_KitImported, content.Members.Count, fingerprint), fingerprint);
    }

    private static Task WriteAllAsync(AppDbContext db, FieldKitContent content, byte[] wrapped, KdfParameters wrapKdf, DateTime now, CancellationToken cancellationToken) =>
        db.RunAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await FieldKitRows.RemovePreviousAsync(db, ct);
                await FieldKitRows.WriteAsync(db, content, now, ct);
                db.FieldKitStates.Add(new FieldKitState
                {
                    KitId = content.KitId,
                    CommuneId = content.Commune.Id,
                    OfficerUserId = content.Officer.UserId,
                    ValidFrom = content.ValidFrom,
                    ValidTo = content.ValidTo,
                    ExpiresAt = content.ExpiresAt.UtcDateTime,
                    ImportedAt = now,
                    StationPublicKey = content.Keys.StationPublicKey,
                    WrappedSecrets = wrapped,
                    WrapKdfJson = FieldSecrets.KdfJson(wrapKdf),
                    CaptureRulesJson = content.CaptureRules.ValueKind == JsonValueKind.Undefined ? "{}" : content.CaptureRules.GetRawText(),
                });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            },
            cancellationToken);

    private static string FileMessage(FieldFileError error) => error switch
    {
        FieldFileError.NotThisKind => Ui.FieldMode_KitNotAKit,
        FieldFileError.TooLarge => Ui.FieldMode_KitTooLarge,
        _ => Ui.FieldMode_KitDamaged,
    };

    private static string Compact(string fingerprint) => fingerprint.Replace(" ", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal);
}
