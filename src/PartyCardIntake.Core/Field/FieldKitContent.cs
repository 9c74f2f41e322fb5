using System.Text.Json;

namespace PartyCardIntake.Core.Field;

/// <summary>
/// What a kit holds once opened: only the members with home-visit appointments of the officer in the kit's dates,
/// their records and checks, and what the laptop needs to sign in, capture and send back. Ids are the station's, so a
/// package names the same member; a laptop checks each member's id number too.
/// </summary>
public sealed record FieldKitContent(
    int Format,
    Guid KitId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    FieldKitCommune Commune,
    FieldKitOfficer Officer,
    FieldKitStation Station,
    FieldKitKeys Keys,
    JsonElement CaptureRules,
    IReadOnlyList<FieldKitCell> Cells,
    IReadOnlyList<FieldKitMember> Members,
    IReadOnlyList<FieldKitCheck> Checks,
    IReadOnlyList<FieldKitVisit> Visits);

public sealed record FieldKitCommune(int Id, string Code, string Name, int ProvinceId, string ProvinceCode, string ProvinceName, DateOnly? Deadline);

/// <summary>The one account that can sign in on the laptop, with the station's password hash: the officer's own password works offline.</summary>
public sealed record FieldKitOfficer(string UserId, string UserName, string FullName, string PasswordHash, string SecurityStamp, IReadOnlyList<string> Roles);

/// <summary>The site and device the laptop's captures are recorded under (the commune's mobile team).</summary>
public sealed record FieldKitStation(int SiteId, string SiteName, int DeviceId, string DeviceName);

/// <summary>
/// <see cref="PackageSigningKey"/> (PKCS#8) signs the capture package, <see cref="ReturnKey"/> (32 bytes) encrypts it;
/// the station keeps the public half and the return key with the kit. <see cref="StationPublicKey"/> checks receipts.
/// </summary>
public sealed record FieldKitKeys(byte[] PackageSigningKey, byte[] ReturnKey, byte[] StationPublicKey);

public sealed record FieldKitCell(int Id, string Name);

public sealed record FieldKitMember(
    int Id,
    int PartyCellId,
    string IdNumber,
    string FullName,
    int Sex,
    int BirthYear,
    DateOnly? BirthDate,
    string? PartyCardNumber,
    DateOnly? JoinedOn,
    string? Phone,
    string? Address);

/// <summary>The member's latest registry check (a desk's, a re-check's or the pre-check's), shown on the laptop's desk as it was.</summary>
public sealed record FieldKitCheck(
    int MemberId,
    DateTime CheckedAt,
    int Source,
    int Outcome,
    bool HasWarnings,
    string? FailureReason,
    string? CitizenJson,
    string? ComparisonJson);

public sealed record FieldKitVisit(int Id, int MemberId, DateTime Start, DateTime End, string Team, string Address, string? Note);
