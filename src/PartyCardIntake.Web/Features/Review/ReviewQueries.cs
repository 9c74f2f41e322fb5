using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>Which records a tab of the review page lists.</summary>
public enum ReviewTab
{
    /// <summary>Submitted records whose check found a mismatch, no citizen, or warnings: they wait for the lead.</summary>
    Flagged = 1,

    /// <summary>Every submitted record not yet approved, clean matches included, for approval in bulk.</summary>
    Submitted = 2,

    /// <summary>Records sent back for correction, for information.</summary>
    Returned = 3,

    /// <summary>Approved records not yet carried to card production, for information.</summary>
    Approved = 4,
}

public sealed record ReviewRow(
    Guid Id,
    int MemberId,
    string FullName,
    string IdNumber,
    DateTime SubmittedAt,
    VerificationStatus Verification,
    bool HasWarnings,
    int Attempts,
    string? ReturnReason,
    bool HasCapture,
    IReadOnlyList<FieldComparison> Differences)
{
    public bool IsCleanMatch => Verification == VerificationStatus.Matched && !HasWarnings;
}

/// <summary>One page of a tab: <see cref="Page"/> counts from 1 and is within the pages there are.</summary>
public sealed record ReviewList(ReviewTab Tab, IReadOnlyList<ReviewRow> Rows, int Total, IReadOnlyDictionary<ReviewTab, int> Counts, int CleanMatches, bool AutoApprove, int Page = 1, int PageSize = ReviewQueries.PageSize)
{
    public static readonly ReviewList Empty = new(ReviewTab.Flagged, [], 0, new Dictionary<ReviewTab, int>(), 0, false);

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record ReviewDetail(
    Guid Id,
    Guid Version,
    int MemberId,
    string FullName,
    string IdNumber,
    int BirthYear,
    DateOnly? BirthDate,
    Sex Sex,
    string CellName,
    string? PartyCardNumber,
    ApplicationState State,
    VerificationStatus Verification,
    bool HasWarnings,
    int Attempts,
    DateTime SubmittedAt,
    string SubmittedBy,
    DateTime? ApprovedAt,
    string? ApprovedBy,
    string? ReturnReason,
    DateTime? TransmittedAt,
    bool HasCapture,
    CaptureProof? Proof,
    MemberCheck? Check);

/// <summary>What stays of a capture once the retention rule has deleted its photo and signature.</summary>
public sealed record CaptureProof(DateTime DeletedAt, string PhotoSha256, string SignatureSha256);

/// <summary>A record's photo or signature; <see cref="Bytes"/> is empty once deleted by the retention rule.</summary>
public sealed record StoredImage(byte[] Bytes, DateTime? DeletedAt);

/// <summary>Reads for the lead's review: the lists by tab, one record in full, and its photo and signature.</summary>
/// <remarks>Only a commune's station lead reads; anyone else gets nothing, as for another commune's ids.</remarks>
public sealed class ReviewQueries(IDbContextFactory<AppDbContext> factory, CurrentUser user, AuditLog audit, FieldMode.CaptureMediaProtector protector)
{
    public const int PageSize = 25;

    public const int MaxPageSize = 200;

    /// <summary>Rows per page the list offers.</summary>
    public static readonly int[] PageSizes = [10, 25, 50, 100, 200];

    public bool MayRead => user.CommuneId is not null && user.IsInRole(AppRoles.StationLead);

    /// <summary>One page of <paramref name="tab"/>, oldest first (approved: latest approval first); a page past the end gives the last one.</summary>
    public async Task<ReviewList> ListAsync(ReviewTab tab, int page = 1, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        if (!MayRead)
        {
            return ReviewList.Empty with { Tab = tab };
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.Applications.AsNoTracking(), tab);
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        // The queues oldest first; the approved records most recently approved first.
        var ordered = tab == ReviewTab.Approved
            ? query.OrderByDescending(a => a.ApprovedAt).ThenBy(a => a.Id)
            : query.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id);
        var rows = await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(a => new
            {
                a.Id, a.MemberId, a.Member!.FullName, a.Member.IdNumber, a.SubmittedAt, a.Verification, a.HasWarnings,
                a.VerificationAttempts, a.ReturnReason, HasCapture = db.ApplicationCaptures.Any(c => c.ApplicationId == a.Id && c.MediaDeletedAt == null),
            })
            .ToListAsync(cancellationToken);

        var checks = await ChecksOfAsync(db, rows.Select(r => r.MemberId).Distinct().ToList(), cancellationToken);
        var counts = new Dictionary<ReviewTab, int>();
        foreach (var t in Enum.GetValues<ReviewTab>())
        {
            counts[t] = t == tab ? total : await Filter(db.Applications.AsNoTracking(), t).CountAsync(cancellationToken);
        }

        var clean = await db.Applications.AsNoTracking().CountAsync(
            a => a.State == ApplicationState.Submitted && a.Verification == VerificationStatus.Matched && !a.HasWarnings, cancellationToken);
        var autoApprove = await db.Communes.AsNoTracking().Select(c => c.AutoApproveMatches).FirstOrDefaultAsync(cancellationToken);
        return new ReviewList(
            tab,
            rows.Select(r => new ReviewRow(
                r.Id, r.MemberId, r.FullName, r.IdNumber.Value, r.SubmittedAt, r.Verification, r.HasWarnings, r.VerificationAttempts,
                tab == ReviewTab.Returned ? r.ReturnReason : null, r.HasCapture, DifferencesBehind(checks.GetValueOrDefault(r.MemberId), r.Verification, r.HasWarnings))).ToList(),
            total,
            counts,
            clean,
            autoApprove,
            page,
            pageSize);
    }

    /// <summary>
    /// The detail page's lookup: as <see cref="DetailAsync"/>, and when <paramref name="recordView"/> is set the view is
    /// written to the audit trail, found or not (an attempt on another commune's record is worth keeping too). The page
    /// sets it once per view: in the prerender of a direct load, or in the circuit after an in-app navigation, which
    /// makes no request the audit middleware could see.
    /// </summary>
    public async Task<ReviewDetail?> OpenAsync(Guid id, bool recordView, CancellationToken cancellationToken = default)
    {
        var detail = await DetailAsync(id, cancellationToken);
        if (recordView && user.IsAuthenticated)
        {
            var status = detail is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
            await audit.RecordAsync(AuditAction.ViewRecord, detail?.MemberId, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"VIEW /review/{id} → {status}"), cancellationToken: CancellationToken.None);
        }

        return detail;
    }

    public async Task<ReviewDetail?> DetailAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!MayRead)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Applications.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new
            {
                Application = a,
                a.Member!.FullName, a.Member.IdNumber, a.Member.BirthYear, a.Member.BirthDate, a.Member.Sex, a.Member.PartyCardNumber,
                Cell = a.Member.PartyCell!.Name,
                Capture = db.ApplicationCaptures
                    .Where(c => c.ApplicationId == a.Id)
                    .Select(c => new { c.MediaDeletedAt, c.PhotoSha256, c.SignatureSha256 })
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var a = row.Application;
        var userIds = new[] { a.SubmittedBy, a.ApprovedBy ?? string.Empty };
        var names = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return new ReviewDetail(
            a.Id, a.Version, a.MemberId, row.FullName, row.IdNumber.Value, row.BirthYear, row.BirthDate, row.Sex, row.Cell, row.PartyCardNumber,
            a.State, a.Verification, a.HasWarnings, a.VerificationAttempts, a.SubmittedAt, NameOf(names, a.SubmittedBy) ?? string.Empty,
            a.ApprovedAt, NameOf(names, a.ApprovedBy), a.ReturnReason, a.TransmittedAt,
            row.Capture is { MediaDeletedAt: null },
            row.Capture is { MediaDeletedAt: { } deleted } c ? new CaptureProof(deleted, c.PhotoSha256, c.SignatureSha256) : null,
            await CheckBehindAsync(db, a, cancellationToken));
    }

    /// <summary>The photo (JPEG) or signature (PNG) of a record the user may see; null when there is none.</summary>
    public async Task<StoredImage?> ImageAsync(Guid id, bool signature, CancellationToken cancellationToken = default)
    {
        if (!MayRead)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var captures = db.ApplicationCaptures.AsNoTracking().Where(c => c.ApplicationId == id);
        var image = signature
            ? await captures.Select(c => new StoredImage(c.Signature, c.MediaDeletedAt)).FirstOrDefaultAsync(cancellationToken)
            : await captures.Select(c => new StoredImage(c.Photo, c.MediaDeletedAt)).FirstOrDefaultAsync(cancellationToken);
        return image is null || !protector.Enabled ? image : image with { Bytes = protector.Unprotect(image.Bytes) };
    }

    private static IQueryable<Application> Filter(IQueryable<Application> applications, ReviewTab tab) => tab switch
    {
        ReviewTab.Flagged => applications.Where(a => a.State == ApplicationState.Submitted
            && (a.Verification == VerificationStatus.Mismatched || a.Verification == VerificationStatus.NotFound || a.HasWarnings)),
        ReviewTab.Returned => applications.Where(a => a.State == ApplicationState.Returned),
        ReviewTab.Approved => applications.Where(a => a.State == ApplicationState.Approved),
        _ => applications.Where(a => a.State == ApplicationState.Submitted),
    };

    /// <summary>
    /// The stored check behind the record's verdict, so that the page says one thing: the most recent conclusive check
    /// of the member that reached the same verdict (mismatch, not found, match with or without warnings). A record still
    /// pending shows its latest failed lookup. Null when no stored check agrees with the verdict (records from before
    /// checks were kept): the page then says so and offers a re-check, rather than a verdict of its own.
    /// </summary>
    private static async Task<MemberCheck?> CheckBehindAsync(AppDbContext db, Application application, CancellationToken cancellationToken)
    {
        var checks = db.RegistryChecks.AsNoTracking().Where(c => c.MemberId == application.MemberId).OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id);
        var check = await checks.FirstOrDefaultAsync(Behind(application.Verification, application.HasWarnings), cancellationToken);
        return check is null ? null : RegistryCheckService.Read(check);
    }

    /// <summary>
    /// Which check a verdict rests on: the last unavailable answer for a pending record, otherwise the last check whose
    /// outcome (and, for a match, whose warnings) is the record's. The list and the detail page both use it, so the
    /// differences a row shows are those of the check the detail page shows.
    /// </summary>
    private static System.Linq.Expressions.Expression<Func<RegistryCheck, bool>> Behind(VerificationStatus verification, bool hasWarnings)
    {
        if (verification == VerificationStatus.Pending)
        {
            return c => c.Outcome == CheckOutcome.Unavailable;
        }

        var outcome = verification switch
        {
            VerificationStatus.Matched => CheckOutcome.Matched,
            VerificationStatus.Mismatched => CheckOutcome.Mismatched,
            _ => CheckOutcome.NotFound,
        };
        return c => c.Outcome == outcome && (outcome != CheckOutcome.Matched || c.HasWarnings == hasWarnings);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(VerificationStatus Verification, bool HasWarnings), Func<RegistryCheck, bool>> CompiledBehind = new();

    /// <summary>The listed members' checks, newest first, read once for the page.</summary>
    private static async Task<Dictionary<int, List<RegistryCheck>>> ChecksOfAsync(AppDbContext db, List<int> memberIds, CancellationToken cancellationToken)
    {
        if (memberIds.Count == 0)
        {
            return [];
        }

        var checks = await db.RegistryChecks.AsNoTracking()
            .Where(c => memberIds.Contains(c.MemberId) && c.Outcome != CheckOutcome.Unavailable)
            .Select(c => new RegistryCheck { Id = c.Id, MemberId = c.MemberId, CheckedAt = c.CheckedAt, Outcome = c.Outcome, HasWarnings = c.HasWarnings, ComparisonJson = c.ComparisonJson })
            .ToListAsync(cancellationToken);
        return checks
            .GroupBy(c => c.MemberId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id).ToList());
    }

    private static List<FieldComparison> DifferencesBehind(List<RegistryCheck>? checks, VerificationStatus verification, bool hasWarnings)
    {
        var behind = CompiledBehind.GetOrAdd((verification, hasWarnings), key => Behind(key.Verification, key.HasWarnings).Compile());
        var check = checks?.FirstOrDefault(behind);
        var read = check is null ? null : RegistryCheckService.Read(check);
        return read?.Comparison?.Fields.Where(f => f.Severity != FieldSeverity.Same).ToList() ?? [];
    }

    private static string? NameOf(Dictionary<string, string> names, string? userId) =>
        userId is null ? null
        : userId == AutoApproval.UserName ? Resources.Ui.Review_System
        : names.GetValueOrDefault(userId, userId);
}
