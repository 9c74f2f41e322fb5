namespace PartyCardIntake.Core.Domain;

/// <summary>
/// A kit made at the station for one visiting officer and a range of dates (docs/home-visits.md). The station keeps
/// what it needs to accept the kit's capture package: the package key's public half, and the return key that
/// encrypts the package, protected by the application's data protection keys. The passphrase is never kept.
/// </summary>
public class FieldKit
{
    public Guid Id { get; set; }

    public int CommuneId { get; set; }

    public required string OfficerId { get; set; }

    public required string OfficerUserName { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly ValidTo { get; set; }

    /// <summary>After this the laptop captures nothing more under the kit, and the station refuses captures made later.</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public int MemberCount { get; set; }

    /// <summary>The site and device the kit's captures are recorded under, as the lead chose them.</summary>
    public int? SiteId { get; set; }

    public int? DeviceId { get; set; }

    /// <summary>SubjectPublicKeyInfo of the key that signs this kit's capture packages.</summary>
    public byte[] PackageVerifyKey { get; set; } = [];

    /// <summary>The AES key of this kit's packages, as IDataProtector output.</summary>
    public required string ReturnKeyProtected { get; set; }

    /// <summary>SHA-256 of the kit file handed out, so an operator can tell which file a laptop holds.</summary>
    public required string KitSha256 { get; set; }

    /// <summary>Set when a lead withdraws the kit (a lost laptop): its packages are refused from then on.</summary>
    public DateTime? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}

/// <summary>The commune's key that signs its kits and receipts; the private half protected by data protection.</summary>
public class FieldStationKey
{
    public int CommuneId { get; set; }

    public byte[] PublicKey { get; set; } = [];

    public required string PrivateKeyProtected { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One accepted capture package, with the receipt given for it (the same receipt is given again for the same file).</summary>
public class FieldPackageImport
{
    public Guid Id { get; set; }

    public int CommuneId { get; set; }

    public Guid KitId { get; set; }

    public required string PackageSha256 { get; set; }

    public DateTime ImportedAt { get; set; }

    public required string ImportedBy { get; set; }

    public int Added { get; set; }

    public int AlreadyPresent { get; set; }

    public int Flagged { get; set; }

    public byte[] Receipt { get; set; } = [];
}

/// <summary>
/// A field capture of a member who already had a record made at the station: the station's record stands, and this
/// flag asks someone to look at both. The field capture's checksums are kept, its images are not.
/// </summary>
public class FieldCaptureFlag
{
    public long Id { get; set; }

    public int CommuneId { get; set; }

    public Guid KitId { get; set; }

    public int MemberId { get; set; }

    public PartyMember? Member { get; set; }

    public Guid IdempotencyKey { get; set; }

    public DateTime CapturedAt { get; set; }

    public required string CapturedBy { get; set; }

    public required string PhotoSha256 { get; set; }

    public required string SignatureSha256 { get; set; }

    public Guid StationApplicationId { get; set; }

    public DateTime FlaggedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }
}

/// <summary>
/// On the visiting laptop only: the kit it runs on. <see cref="WrappedSecrets"/> holds the media key, the package
/// signing key and the return key, AES-GCM encrypted under a key derived from the officer's password with
/// <see cref="WrapKdfJson"/>; they are unwrapped into memory at sign-in and never written in clear.
/// </summary>
public class FieldKitState
{
    public Guid KitId { get; set; }

    public int CommuneId { get; set; }

    public required string OfficerUserId { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly ValidTo { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime ImportedAt { get; set; }

    public byte[] StationPublicKey { get; set; } = [];

    public byte[] WrappedSecrets { get; set; } = [];

    public required string WrapKdfJson { get; set; }

    public required string CaptureRulesJson { get; set; }

    public DateTime? LastExportAt { get; set; }

    public DateTime? LastReceiptAt { get; set; }
}
