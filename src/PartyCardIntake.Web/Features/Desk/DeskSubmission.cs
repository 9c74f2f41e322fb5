using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Features.Review;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Desk;

/// <summary>
/// One image of a capture, read as a stream when the submission gets to it: a multipart file of the HTTP route, or a
/// browser blob streamed through the circuit (never a SignalR message of its own). The declared length is checked
/// against the limit before anything is read, and reading stops at that limit whatever the stream says.
/// </summary>
public sealed record CapturePart(long Length, Func<CancellationToken, ValueTask<Stream>> Open)
{
    public static CapturePart? Of(IFormFile? file) =>
        file is null ? null : new CapturePart(file.Length, _ => ValueTask.FromResult(file.OpenReadStream()));

    public static CapturePart Of(byte[] bytes) => new(bytes.Length, _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes, writable: false)));
}

public sealed record SubmitRequest(int MemberId, Guid? IdempotencyKey, CapturePart? Photo, CapturePart? Signature, string? Strokes, DeskStation? Station, string UserId);

public sealed record SubmitResult(bool Saved, int StatusCode, string Message, Guid? ApplicationId = null, VerificationStatus? Verification = null, bool Duplicate = false)
{
    public static SubmitResult Refused(int statusCode, string message) => new(false, statusCode, message);
}

/// <summary>
/// Saves one desk capture: the application, its photo and signature and its verification, in one
/// transaction. Repeats of the same capture (double click, retry after a lost answer) return the first
/// result; a second application for a member is refused, whoever sends it.
/// </summary>
public sealed class DeskSubmission(
    IDbContextFactory<AppDbContext> factory,
    IOptions<VerificationOptions> verification,
    IOptions<MediaOptions> media,
    TimeProvider clock,
    ILogger<DeskSubmission> logger,
    DeskActivityFeed activity,
    NewApplicationWriter writer,
    FieldMode.FieldCaptureGate field,
    FieldMode.CaptureMediaProtector protector)
{
    public async Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Station is null)
        {
            return SubmitResult.Refused(StatusCodes.Status400BadRequest, Ui.Submit_NoStation);
        }

        if (request.IdempotencyKey is not { } key || key == Guid.Empty)
        {
            return SubmitResult.Refused(StatusCodes.Status400BadRequest, Ui.Submit_KeyMissing);
        }

        if (await field.RefusalAsync(cancellationToken) is { } offline)
        {
            return SubmitResult.Refused(StatusCodes.Status409Conflict, offline);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        // One retriable unit from the key lookup to the save. A repeat after a transient fault starts again by
        // looking the key up, so a save whose acknowledgement was lost is found and answered as saved, never
        // made twice (ADR 0005, 0010).
        return await db.RunAsync(ct => SubmitOnceAsync(db, request, key, ct), cancellationToken);
    }

    private async Task<SubmitResult> SubmitOnceAsync(AppDbContext db, SubmitRequest request, Guid key, CancellationToken cancellationToken)
    {
        // One connection for the whole save instead of one per statement: each open and close costs a pool round.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await SubmitOnOpenConnectionAsync(db, request, key, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<SubmitResult> SubmitOnOpenConnectionAsync(AppDbContext db, SubmitRequest request, Guid key, CancellationToken cancellationToken)
    {
        var earlier = await EarlierAsync(db, key, request.MemberId, cancellationToken);
        if (earlier.FirstOrDefault(a => a.IdempotencyKey == key) is { } repeated)
        {
            return repeated.MemberId == request.MemberId
                ? Saved(repeated.Id, repeated.Verification, duplicate: true)
                : SubmitResult.Refused(StatusCodes.Status409Conflict, Ui.Submit_KeyMissing);
        }

        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == request.MemberId, cancellationToken);
        if (member is null)
        {
            return SubmitResult.Refused(StatusCodes.Status404NotFound, Ui.Submit_MemberNotFound);
        }

        if (member.Exemption is { } reason)
        {
            return SubmitResult.Refused(StatusCodes.Status409Conflict, string.Format(Ui.Culture, Ui.Desk_MemberExempted, Labels.Of(reason)));
        }

        if (earlier.FirstOrDefault(a => a.MemberId == member.Id && a.State != ApplicationState.Cancelled) is { } active)
        {
            return Duplicate(active.SubmittedAt);
        }

        var captured = await ValidateCaptureAsync(request, cancellationToken);
        if (captured.Error is { } error)
        {
            return SubmitResult.Refused(StatusCodes.Status400BadRequest, error);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var station = request.Station!;
        var application = Application.Submit(Guid.CreateVersion7(), member, station.SiteId, station.DeviceId, request.UserId, now, key, captured.Capture);

        // The same rule as the desk page's announcement, so the page never promises what is not saved. On a laptop
        // in the field the kit's check is only shown: the station checks again when the capture comes back.
        if (!field.AlwaysPending)
        {
            var decision = await SubmissionVerification.DecideForMemberAsync(db.RegistryChecks.AsNoTracking(), member.Id, now, verification.Value.RecentCheck, cancellationToken);
            if (decision.ReliesOn is { } check)
            {
                application.ApplyCheck(check.Outcome, decision.HasWarnings, now, TimeSpan.Zero);
                await AutoApproval.ApplyAsync(db, application, now, cancellationToken);
            }
        }

        try
        {
            await writer.InsertAsync(db, application, cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Lost a race: the same capture sent twice at once, or another desk saved this member first.
            db.ChangeTracker.Clear();
            var winners = await EarlierAsync(db, key, member.Id, cancellationToken);
            if (winners.FirstOrDefault(a => a.IdempotencyKey == key) is { } twin)
            {
                return Saved(twin.Id, twin.Verification, duplicate: true);
            }

            return winners.FirstOrDefault(a => a.MemberId == member.Id && a.State != ApplicationState.Cancelled) is { } first
                ? Duplicate(first.SubmittedAt)
                : SubmitResult.Refused(StatusCodes.Status409Conflict, Ui.Submit_Failed);
        }

        logger.LogInformation("Application {Application} saved at device {Device}, verification {Verification}, state {State}", application.Id, station.DeviceId, application.Verification, application.State);
        activity.Publish(station.SiteId);
        return Saved(application.Id, application.Verification, duplicate: false);
    }

    private async Task<(ApplicationCapture? Capture, string? Error)> ValidateCaptureAsync(SubmitRequest request, CancellationToken cancellationToken)
    {
        var photoRules = media.Value.Photo;
        var signatureRules = media.Value.Signature;
        if (request.Photo is null || request.Photo.Length == 0)
        {
            return (null, Ui.Submit_PhotoMissing);
        }

        if (request.Signature is null || request.Signature.Length == 0)
        {
            return (null, Ui.Submit_SignatureMissing);
        }

        if (request.Photo.Length > photoRules.MaxBytes)
        {
            return (null, Labels.PhotoError(PhotoError.TooLarge));
        }

        if (request.Signature.Length > signatureRules.MaxBytes)
        {
            return (null, Labels.SignatureError(SignatureError.TooLarge));
        }

        var photoBytes = await ReadAsync(request.Photo, photoRules.MaxBytes, cancellationToken);
        if (photoBytes is null)
        {
            return (null, Labels.PhotoError(PhotoError.TooLarge));
        }

        var photo = PhotoValidator.Validate(photoBytes, photoRules);
        if (!photo.IsValid)
        {
            return (null, Labels.PhotoError(photo.Error!.Value));
        }

        var signatureBytes = await ReadAsync(request.Signature, signatureRules.MaxBytes, cancellationToken);
        if (signatureBytes is null)
        {
            return (null, Labels.SignatureError(SignatureError.TooLarge));
        }

        var signature = SignatureValidator.Validate(signatureBytes, request.Strokes, signatureRules);
        if (!signature.IsValid)
        {
            return (null, Labels.SignatureError(signature.Error!.Value));
        }

        // Encrypted at rest on a laptop in the field (the checksums stay those of the plain images); as is on a station.
        var capture = ApplicationCapture.Create(
            protector.Protect(photo.Jpeg!), photo.Width, photo.Height, photo.Sha256!,
            protector.Protect(signature.Png!), protector.ProtectText(signature.StrokesJson!), signature.Sha256!, clock.GetUtcNow().UtcDateTime);
        return (capture, null);
    }

    /// <summary>The part's bytes, or null when the stream holds more than it declared (or than the limit allows).</summary>
    private static async Task<byte[]?> ReadAsync(CapturePart part, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[part.Length];
        await using var stream = await part.Open(cancellationToken);
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            // Shorter than declared: a cut-off upload, which the validators refuse as unreadable.
            return [];
        }

        return part.Length <= maxBytes && await stream.ReadAsync(new byte[1], cancellationToken) == 0 ? buffer : null;
    }

    /// <summary>
    /// In one statement: the application this key already saved, if any, and the member's application that is not
    /// cancelled, if any (at most one each: both are unique).
    /// </summary>
    private static Task<List<EarlierRow>> EarlierAsync(AppDbContext db, Guid key, int memberId, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking()
            .Where(a => a.IdempotencyKey == key || (a.MemberId == memberId && a.State != ApplicationState.Cancelled))
            .Select(a => new EarlierRow(a.Id, a.MemberId, a.IdempotencyKey, a.State, a.Verification, a.SubmittedAt))
            .Take(2)
            .ToListAsync(cancellationToken);

    private sealed record EarlierRow(Guid Id, int MemberId, Guid IdempotencyKey, ApplicationState State, VerificationStatus Verification, DateTime SubmittedAt);

    private static SubmitResult Duplicate(DateTime since) =>
        SubmitResult.Refused(StatusCodes.Status409Conflict, string.Format(Ui.Culture, Ui.Submit_Duplicate, Labels.DateTime(VietnamTime.ToLocal(since))));

    private static SubmitResult Saved(Guid id, VerificationStatus verification, bool duplicate) =>
        new(true, StatusCodes.Status200OK, Ui.Submit_Saved, id, verification, duplicate);
}
