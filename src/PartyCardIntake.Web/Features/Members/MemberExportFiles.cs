using System.Text.Json;

namespace PartyCardIntake.Web.Features.Members;

// The files of a subject-access export. Instants are Vietnam time with their offset; slot and visit times are the
// wall-clock times as stored. Coded values are given in Vietnamese, as the member reads them on the pages.

public sealed record ExportedMember(
    int MemberId,
    string CommuneCode,
    string CommuneName,
    string PartyCell,
    string IdNumber,
    string FullName,
    string Sex,
    int BirthYear,
    DateOnly? BirthDate,
    string? PartyCardNumber,
    DateOnly? JoinedOn,
    string? Phone,
    string? Address,
    ExportedExemption? Exemption,
    bool NeedsHomeVisit,
    string SearchName,
    string SortKey,
    int? CreatedByImportId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExportedAt);

public sealed record ExportedExemption(string Reason, string? Note, DateOnly? On);

public sealed record ExportedCapture(
    DateTimeOffset CapturedAt,
    int PhotoWidth,
    int PhotoHeight,
    string PhotoSha256,
    string SignatureSha256,
    string? PhotoFile,
    string? SignatureFile,
    string? StrokesFile,
    DateTimeOffset? MediaDeletedAt);

public sealed record ExportedApplication(
    Guid ApplicationId,
    string State,
    string Verification,
    bool HasWarnings,
    DateTimeOffset? VerifiedAt,
    int VerificationAttempts,
    DateTimeOffset SubmittedAt,
    string? SubmittedBy,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy,
    string? ReturnReason,
    DateTimeOffset? TransmittedAt,
    Guid? TransmissionId,
    DateTimeOffset? CancelledAt,
    DateTimeOffset UpdatedAt,
    string? IntakeSite,
    string? Device,
    ExportedCapture? Capture);

public sealed record ExportedCheck(
    DateTimeOffset CheckedAt,
    string Source,
    string Outcome,
    bool HasWarnings,
    string? FailureReason,
    int ElapsedMilliseconds,
    string? CheckedBy,
    Guid? ApplicationId,
    JsonElement? RegistryRecord,
    JsonElement? Comparison);

public sealed record ExportedWorklistItem(
    string Status,
    string LastOutcome,
    bool LastHasWarnings,
    DateTimeOffset LastCheckedAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    string? Note,
    string? UpdatedBy);

public sealed record ExportedSlot(DateTime Start, DateTime End, string IntakeSite, string PartyCell, DateTimeOffset? CheckedInAt, string? CheckedInBy);

public sealed record ExportedHomeVisit(
    DateTime Start, DateTime End, string Team, string? Officer, string Address, string? Note, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ExportedSchedule(IReadOnlyList<ExportedSlot> Slots, IReadOnlyList<ExportedHomeVisit> HomeVisits);

public sealed record ExportedEvent(DateTimeOffset At, string? UserName, string Kind, string? Field, string? OldValue, string? NewValue, string? Note);

public sealed record ExportedAuditEntry(long Id, DateTimeOffset At, string? UserName, string? Role, string Action, string? Target);

/// <summary>Everything held about one member, read within the caller's commune; media are read while the ZIP is written.</summary>
public sealed record MemberExportData(
    ExportedMember Member,
    IReadOnlyList<ExportedApplication> Applications,
    IReadOnlyList<ExportedCheck> RegistryChecks,
    IReadOnlyList<ExportedWorklistItem> Worklist,
    ExportedSchedule Schedule,
    IReadOnlyList<ExportedEvent> Events,
    IReadOnlyList<ExportedAuditEntry> Audit);
