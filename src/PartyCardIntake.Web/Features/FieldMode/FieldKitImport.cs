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
        await db.RunAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await RemovePreviousKitAsync(db, ct);
                await WriteAsync(db, content, now.UtcDateTime, ct);
                db.FieldKitStates.Add(new FieldKitState
                {
                    KitId = content.KitId,
                    CommuneId = content.Commune.Id,
                    OfficerUserId = officer.UserId,
                    ValidFrom = content.ValidFrom,
                    ValidTo = content.ValidTo,
                    ExpiresAt = content.ExpiresAt.UtcDateTime,
                    ImportedAt = now.UtcDateTime,
                    StationPublicKey = content.Keys.StationPublicKey,
                    WrappedSecrets = wrapped,
                    WrapKdfJson = FieldSecrets.KdfJson(wrapKdf),
                    CaptureRulesJson = content.CaptureRules.GetRawText(),
                });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            },
            cancellationToken);

        secrets.Hold(keys);
        state.Reset();
        await audit.RecordAsync(
            AuditAction.FieldTransfer,
            target: $"kit-import {content.KitId} members={content.Members.Count} station-key={fingerprint}",
            actor: new AuditActor(officer.UserName, string.Join(',', officer.Roles.Order(StringComparer.Ordinal)), content.Commune.Id, content.Commune.ProvinceId),
            cancellationToken: cancellationToken);
        return new FieldKitImportResult(true, null, string.Format(Ui.Culture, Ui.FieldMode_KitImported, content.Members.Count, fingerprint), fingerprint);
    }

    /// <summary>
    /// A new kit replaces the previous one's members, checks, visits, drafts, returned applications and officer.
    /// Reached only when every capture is covered by a receipt; the audit trail and the places stay.
    /// </summary>
    private static async Task RemovePreviousKitAsync(AppDbContext db, CancellationToken ct)
    {
        if (!await db.FieldKitStates.AnyAsync(ct))
        {
            return;
        }

        await db.CaptureDrafts.ExecuteDeleteAsync(ct);
        await db.Set<ApplicationCapture>().ExecuteDeleteAsync(ct);
        await db.ApplicationDayCounts.ExecuteDeleteAsync(ct);
        await db.Applications.ExecuteDeleteAsync(ct);
        await db.RegistryChecks.ExecuteDeleteAsync(ct);
        await db.HomeVisits.ExecuteDeleteAsync(ct);
        await db.PartyMembers.ExecuteDeleteAsync(ct);
        var officers = await db.FieldKitStates.Select(s => s.OfficerUserId).ToListAsync(ct);
        await db.UserRoles.Where(r => officers.Contains(r.UserId)).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => officers.Contains(u.Id)).ExecuteDeleteAsync(ct);
        await db.FieldKitStates.ExecuteDeleteAsync(ct);
    }

    private static async Task WriteAsync(AppDbContext db, FieldKitContent kit, DateTime now, CancellationToken ct)
    {
        var c = kit.Commune;
        if (!await db.Provinces.AnyAsync(p => p.Id == c.ProvinceId, ct))
        {
            db.Provinces.Add(new Province { Id = c.ProvinceId, Code = c.ProvinceCode, Name = c.ProvinceName });
        }

        if (!await db.Communes.AnyAsync(x => x.Id == c.Id, ct))
        {
            db.Communes.Add(new Commune { Id = c.Id, ProvinceId = c.ProvinceId, Code = c.Code, Name = c.Name, Deadline = c.Deadline });
        }

        var cells = await db.PartyCells.Select(x => x.Id).ToListAsync(ct);
        foreach (var cell in kit.Cells.Where(x => !cells.Contains(x.Id)))
        {
            db.PartyCells.Add(new PartyCell { Id = cell.Id, CommuneId = c.Id, Name = cell.Name });
        }

        var s = kit.Station;
        if (!await db.IntakeSites.AnyAsync(x => x.Id == s.SiteId, ct))
        {
            db.IntakeSites.Add(new IntakeSite { Id = s.SiteId, CommuneId = c.Id, Name = s.SiteName });
        }

        if (!await db.Devices.AnyAsync(x => x.Id == s.DeviceId, ct))
        {
            db.Devices.Add(new Device { Id = s.DeviceId, CommuneId = c.Id, IntakeSiteId = s.SiteId, Name = s.DeviceName });
        }

        foreach (var m in kit.Members)
        {
            var member = PartyMember.Create(c.Id, m.PartyCellId, PersonalIdNumber.Parse(m.IdNumber), m.FullName, (Sex)m.Sex, m.BirthYear, m.BirthDate, now);
            member.PartyCardNumber = m.PartyCardNumber;
            member.JoinedOn = m.JoinedOn;
            member.Phone = m.Phone;
            member.Address = m.Address;
            member.NeedsHomeVisit = true;
            db.PartyMembers.Add(member);
            db.Entry(member).Property(x => x.Id).CurrentValue = m.Id;
        }

        foreach (var check in kit.Checks)
        {
            db.RegistryChecks.Add(new RegistryCheck
            {
                CommuneId = c.Id,
                MemberId = check.MemberId,
                CheckedAt = check.CheckedAt,
                Source = (CheckSource)check.Source,
                Outcome = (CheckOutcome)check.Outcome,
                HasWarnings = check.HasWarnings,
                FailureReason = check.FailureReason,
                CitizenJson = check.CitizenJson,
                ComparisonJson = check.ComparisonJson,
            });
        }

        var o = kit.Officer;
        foreach (var v in kit.Visits)
        {
            db.HomeVisits.Add(new HomeVisit
            {
                Id = v.Id, CommuneId = c.Id, MemberId = v.MemberId, Start = v.Start, End = v.End, Team = v.Team, Address = v.Address, Note = v.Note,
                OfficerId = o.UserId, Status = HomeVisitStatus.Planned, CreatedAt = now, UpdatedAt = now,
            });
        }

        db.Users.Add(new AppUser
        {
            Id = o.UserId,
            UserName = o.UserName,
            NormalizedUserName = o.UserName.ToUpperInvariant(),
            DisplayName = o.FullName,
            PasswordHash = o.PasswordHash,
            SecurityStamp = o.SecurityStamp,
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            CommuneId = c.Id,
            ProvinceId = c.ProvinceId,
            EmailConfirmed = true,
            LockoutEnabled = true,
        });
        var normalized = o.Roles.Select(r => r.ToUpperInvariant()).ToList();
        var roles = await db.Roles.Where(r => normalized.Contains(r.NormalizedName!)).Select(r => r.Id).ToListAsync(ct);
        foreach (var role in roles)
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = o.UserId, RoleId = role });
        }

        await db.SaveChangesAsync(ct);
    }

    private static string FileMessage(FieldFileError error) => error switch
    {
        FieldFileError.NotThisKind => Ui.FieldMode_KitNotAKit,
        FieldFileError.TooLarge => Ui.FieldMode_KitTooLarge,
        _ => Ui.FieldMode_KitDamaged,
    };

    private static string Compact(string fingerprint) => fingerprint.Replace(" ", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal);
}
