namespace PartyCardIntake.Core.Domain;

/// <summary>
/// One member's application for a chip party card. State moves
/// Submitted → Approved → Transmitted, with Returned (for correction, then re-submitted) and Cancelled.
/// Only a cancelled application frees the member for a new one.
/// </summary>
public class Application
{
    private Application()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Chosen by the desk for one capture; a repeated submission with the same key is the same application.</summary>
    public Guid IdempotencyKey { get; private set; }

    public int CommuneId { get; private set; }

    public int MemberId { get; private set; }

    public PartyMember? Member { get; private set; }

    public int? IntakeSiteId { get; private set; }

    public int? DeviceId { get; private set; }

    public ApplicationState State { get; private set; }

    public VerificationStatus Verification { get; private set; }

    /// <summary>Matched, but with differences a station lead should look at (year-only dates, renamed places).</summary>
    public bool HasWarnings { get; private set; }

    public DateTime? VerifiedAt { get; private set; }

    /// <summary>Failed registry attempts so far; drives the back-off of the re-check worker.</summary>
    public int VerificationAttempts { get; private set; }

    /// <summary>When the worker should try the registry again; null once verified.</summary>
    public DateTime? NextVerificationAt { get; private set; }

    public ApplicationCapture? Capture { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    public string SubmittedBy { get; private set; } = string.Empty;

    public DateTime? ApprovedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public string? ReturnReason { get; private set; }

    public DateTime? TransmittedAt { get; private set; }

    /// <summary>The package that carried this record to card production.</summary>
    public Guid? TransmissionId { get; private set; }

    /// <summary>The field kit a capture was made under at a member's home, imported from its package; null for the station's own.</summary>
    public Guid? FieldKitId { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Changed on every write so that two reviewers cannot overwrite each other.</summary>
    public Guid Version { get; private set; }

    public bool IsActive => State != ApplicationState.Cancelled;

    public static Application Submit(Guid id, PartyMember member, int? siteId, int? deviceId, string userId, DateTime now, Guid? idempotencyKey = null, ApplicationCapture? capture = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!member.IsEligible)
        {
            throw new DomainException("application.member-exempted");
        }

        return new()
        {
            Id = id,
            IdempotencyKey = idempotencyKey ?? id,
            CommuneId = member.CommuneId,
            MemberId = member.Id,
            IntakeSiteId = siteId,
            DeviceId = deviceId,
            State = ApplicationState.Submitted,
            Verification = VerificationStatus.Pending,
            NextVerificationAt = now,
            SubmittedAt = now,
            SubmittedBy = userId,
            UpdatedAt = now,
            Version = Guid.NewGuid(),
            Capture = capture,
        };
    }

    /// <summary>
    /// A capture made at a member's home under a field kit and imported from its package: submitted at the capture
    /// time, so the day counts and reports count it on the day it was made, and pending so the re-check asks the
    /// registry now (the laptop had no registry).
    /// </summary>
    public static Application SubmitFromField(Guid id, PartyMember member, Guid kitId, int? siteId, int? deviceId, string officerUserId, DateTime capturedAt, Guid idempotencyKey, ApplicationCapture capture, DateTime now)
    {
        var application = Submit(id, member, siteId, deviceId, officerUserId, capturedAt, idempotencyKey, capture);
        application.FieldKitId = kitId;
        application.NextVerificationAt = now;
        application.UpdatedAt = now;
        return application;
    }

    public void RecordVerification(VerificationStatus status, DateTime now) => ApplyCheck(
        status switch
        {
            VerificationStatus.Matched => CheckOutcome.Matched,
            VerificationStatus.Mismatched => CheckOutcome.Mismatched,
            VerificationStatus.NotFound => CheckOutcome.NotFound,
            _ => CheckOutcome.Unavailable,
        },
        hasWarnings: false,
        now,
        retryAfter: TimeSpan.Zero);

    /// <summary>
    /// Takes the result of a registry check. A registry failure is never a verdict: the record stays
    /// pending and is tried again after <paramref name="retryAfter"/>.
    /// </summary>
    public void ApplyCheck(CheckOutcome outcome, bool hasWarnings, DateTime now, TimeSpan retryAfter)
    {
        if (outcome == CheckOutcome.Unavailable)
        {
            if (Verification == VerificationStatus.Pending)
            {
                VerificationAttempts++;
                NextVerificationAt = now + retryAfter;
                Touch(now);
            }

            return;
        }

        Verification = outcome switch
        {
            CheckOutcome.Matched => VerificationStatus.Matched,
            CheckOutcome.Mismatched => VerificationStatus.Mismatched,
            _ => VerificationStatus.NotFound,
        };
        HasWarnings = outcome == CheckOutcome.Matched && hasWarnings;
        VerifiedAt = now;
        NextVerificationAt = null;
        Touch(now);
    }

    public void Approve(string userId, DateTime now)
    {
        Require(ApplicationState.Submitted);
        if (Verification == VerificationStatus.Pending)
        {
            throw new DomainException("application.verification-pending");
        }

        State = ApplicationState.Approved;
        ApprovedAt = now;
        ApprovedBy = userId;
        Touch(now);
    }

    public void Return(string reason, DateTime now)
    {
        Require(ApplicationState.Submitted, ApplicationState.Approved);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("application.return-reason");
        }

        State = ApplicationState.Returned;
        ReturnReason = reason.Trim();
        ApprovedAt = null;
        ApprovedBy = null;
        Touch(now);
    }

    public void Resubmit(string userId, DateTime now)
    {
        Require(ApplicationState.Returned);
        State = ApplicationState.Submitted;
        SubmittedAt = now;
        SubmittedBy = userId;
        Touch(now);
    }

    public void MarkTransmitted(DateTime now, Guid? transmissionId = null)
    {
        Require(ApplicationState.Approved);
        State = ApplicationState.Transmitted;
        TransmittedAt = now;
        TransmissionId = transmissionId;
        Touch(now);
    }

    public void Cancel(DateTime now)
    {
        Require(ApplicationState.Submitted, ApplicationState.Returned);
        State = ApplicationState.Cancelled;
        CancelledAt = now;
        Touch(now);
    }

    private void Require(params ApplicationState[] allowed)
    {
        if (Array.IndexOf(allowed, State) < 0)
        {
            throw new DomainException("application.invalid-transition");
        }
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }
}
