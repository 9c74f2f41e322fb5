namespace PartyCardIntake.Core.Domain;

/// <summary>What an audit entry records. Stored by name, so new actions can be added at the end freely.</summary>
public enum AuditAction
{
    SignIn = 1,
    SignInFailed = 2,
    AccessDenied = 3,
    ViewMember = 4,
    ViewPhoto = 5,
    ViewSignature = 6,
    DeskLookup = 7,
    Export = 8,
    DownloadPackage = 9,
    Change = 10,
    Admin = 11,
    ViewRecord = 12,
    SignOut = 13,

    /// <summary>The retention rule deleted photos and signatures of transmitted records; the target carries the count.</summary>
    MediaRetention = 14,

    /// <summary>A field kit was made for a visiting officer, or withdrawn.</summary>
    FieldKit = 15,

    /// <summary>A capture package was imported at the station: one entry per package and one per capture it brought.</summary>
    FieldImport = 16,

    /// <summary>On a visiting laptop: a kit imported, a capture package exported, a receipt applied and what it wiped.</summary>
    FieldTransfer = 17,
}
