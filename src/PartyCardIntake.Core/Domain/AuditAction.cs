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
}
