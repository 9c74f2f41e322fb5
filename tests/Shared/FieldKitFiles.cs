using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Tests.Shared;

/// <summary>A kit file and the keys behind it, as a station would prepare it, built with Core alone.</summary>
public sealed record FieldKitFile(byte[] File, string Passphrase, FieldKitContent Content, ECDsa StationKey, ECDsa PackageKey) : IDisposable
{
    public void Dispose()
    {
        StationKey.Dispose();
        PackageKey.Dispose();
    }
}

public static class FieldKitFiles
{
    public const string OfficerUserName = "field.officer";
    public const string OfficerPassword = "mat-khau-can-bo-thuc-dia";
    public const int CommuneId = 7001;
    public const int SiteId = 7101;
    public const int DeviceId = 7201;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Argon2id as cheap as the bounds allow, like the tests' Field:KdfMemoryKiB=1024.</summary>
    public static KdfParameters CheapKdf() => KdfParameters.NewDefault() with { MemoryKiB = 1024, Iterations = 1 };

    /// <summary>
    /// A kit of <paramref name="members"/> members with home visits, each with a registry check, for an officer whose
    /// password is <see cref="OfficerPassword"/>. <paramref name="expiresAt"/> defaults to a week ahead.
    /// </summary>
    public static FieldKitFile Build(int members = 3, DateTimeOffset? expiresAt = null, ECDsa? stationKey = null, string communeCode = "FK001")
    {
        var station = stationKey ?? ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var package = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        var expiry = expiresAt ?? now.AddDays(7);
        var officerId = "field-officer-" + Guid.NewGuid().ToString("N")[..8];
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser { Id = officerId, UserName = OfficerUserName }, OfficerPassword);
        var day = DateOnly.FromDateTime(now.UtcDateTime.AddHours(7));
        var kitMembers = Enumerable.Range(0, members).Select(i => new FieldKitMember(
            8001 + i, 7301, PersonalIdNumber.Create("025", Sex.Female, 1940 + i, 500 + i).Value, $"Trần Thị Thực Địa {i + 1}",
            (int)Sex.Female, 1940 + i, null, $"TD{i:0000}", new DateOnly(1970, 1, 1), null, $"Số {i + 1}, Khu 2")).ToList();
        var checks = kitMembers.Select(m => new FieldKitCheck(m.Id, now.UtcDateTime.AddMinutes(-10), (int)CheckSource.PreCheck, (int)CheckOutcome.Matched, false, null, null, null)).ToList();
        var visits = kitMembers.Select((m, i) => new FieldKitVisit(
            9001 + i, m.Id, day.ToDateTime(new TimeOnly(8 + i, 0)), day.ToDateTime(new TimeOnly(8 + i, 30)), "Tổ lưu động 1", m.Address!, null)).ToList();
        var content = new FieldKitContent(
            1,
            Guid.CreateVersion7(),
            now,
            expiry,
            day,
            DateOnly.FromDateTime(expiry.UtcDateTime.AddHours(7)),
            new FieldKitCommune(CommuneId, communeCode, "Xã Thực Địa", 70, "70", "Tỉnh Thử", null),
            new FieldKitOfficer(officerId, OfficerUserName, "Cán bộ Thực Địa", hash, Guid.NewGuid().ToString("N").ToUpperInvariant(), [AppRoles.IntakeOfficer]),
            new FieldKitStation(SiteId, "Tổ lưu động", DeviceId, "Máy lưu động 1"),
            new FieldKitKeys(package.ExportPkcs8PrivateKey(), RandomNumberGenerator.GetBytes(32), station.ExportSubjectPublicKeyInfo()),
            JsonSerializer.SerializeToElement(new { }),
            [new FieldKitCell(7301, "Chi bộ Khu 2")],
            kitMembers,
            checks,
            visits);
        var passphrase = FieldPassphrase.Generate();
        return new FieldKitFile(Seal(content, passphrase, station), passphrase, content, station, package);
    }

    public static byte[] Seal(FieldKitContent content, string passphrase, ECDsa stationKey)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(stationKey);
        var kdf = CheapKdf();
        var header = new FieldEnvelopeHeader(FieldEnvelope.CurrentFormat, content.KitId, content.Commune.Code, content.CreatedAt, stationKey.ExportSubjectPublicKeyInfo(), kdf);
        var key = FieldKeyDerivation.Derive(FieldPassphrase.Normalize(passphrase), kdf);
        return FieldEnvelope.Seal(FieldFileKind.Kit, header, JsonSerializer.SerializeToUtf8Bytes(content, Json), key, stationKey);
    }
}
