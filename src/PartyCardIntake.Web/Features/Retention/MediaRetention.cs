using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Audit;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Features.Retention;

/// <summary>What one run of the retention rule did.</summary>
public sealed record RetentionRun(int Deleted, DateTime TransmittedBefore);

/// <summary>
/// Deletes the photo, signature and pen strokes of records transmitted more than
/// <see cref="RetentionOptions.MediaDays"/> days ago, keeping the capture row with its sizes and SHA-256
/// checksums as proof of what was sent. Batches of <see cref="RetentionOptions.BatchSize"/>, one transaction
/// each. The update only touches rows that still hold media, so a second run, or another node running at the
/// same moment, clears nothing twice and counts nothing twice. Same effect as <see cref="ApplicationCapture.DeleteMedia"/>,
/// done in SQL so that a batch of images is never read into memory.
/// </summary>
public sealed class MediaRetention(
    ISystemDbContextFactory factory,
    AuditChain audit,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<MediaRetention> logger)
{
    /// <summary>The actor named in the audit trail for the rule's own deletions.</summary>
    public const string SystemUser = "system:retention";

    public async Task<RetentionRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now.AddDays(-settings.MediaDays);
        await PurgeDraftsAsync(now, cancellationToken);
        var deleted = 0;
        while (true)
        {
            var (selected, cleared) = await BatchAsync(before, now, settings.BatchSize, cancellationToken);
            deleted += cleared;
            if (selected < settings.BatchSize)
            {
                break;
            }
        }

        // Counts and dates only: never which members.
        logger.LogInformation("Media retention: photos and signatures of {Count} records transmitted before {Before:yyyy-MM-dd} deleted", deleted, before);
        await audit.AppendAsync(
            new AuditEntry
            {
                At = now,
                UserName = SystemUser,
                Action = AuditAction.MediaRetention,
                Target = string.Create(CultureInfo.InvariantCulture, $"media deleted={deleted} transmitted-before={before:yyyy-MM-dd} days={settings.MediaDays}"),
            },
            CancellationToken.None);
        return new RetentionRun(deleted, before);
    }

    /// <summary>
    /// Desk drafts left behind (a member who walked away before saving, a desk closed mid-capture) hold a photo and a
    /// signature that were never saved: they go once <see cref="Features.Desk.CaptureDrafts.KeptFor"/> has passed.
    /// </summary>
    private async Task PurgeDraftsAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var before = now - Features.Desk.CaptureDrafts.KeptFor;
        var purged = await db.CaptureDrafts.Where(d => d.UpdatedAt < before).ExecuteDeleteAsync(cancellationToken);
        if (purged > 0)
        {
            logger.LogInformation("Media retention: {Count} unsaved desk drafts older than {Before:yyyy-MM-dd HH:mm} deleted", purged, before);
        }
    }

    /// <summary>
    /// One batch: the ids due, then one UPDATE statement (one transaction) guarded again by "still holds media".
    /// The read is kept out of the write transaction on purpose: on SQLite a transaction that read first cannot
    /// take the write lock after another node's batch committed, while a lone UPDATE simply waits its turn.
    /// </summary>
    private async Task<(int Selected, int Cleared)> BatchAsync(DateTime before, DateTime now, int size, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var ids = await Due(db.ApplicationCaptures, before)
            .OrderBy(c => c.Application!.TransmittedAt)
            .ThenBy(c => c.ApplicationId)
            .Select(c => c.ApplicationId)
            .Take(size)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return (0, 0);
        }

        // Straight on the capture rows: the images are never loaded, and the application rows (whose progress
        // counts an interceptor keeps) are not touched.
        var cleared = await Due(db.ApplicationCaptures, before)
            .Where(c => ids.Contains(c.ApplicationId))
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Photo, Array.Empty<byte>())
                    .SetProperty(c => c.Signature, Array.Empty<byte>())
                    .SetProperty(c => c.SignatureStrokes, string.Empty)
                    .SetProperty(c => c.MediaDeletedAt, now),
                cancellationToken);
        return (ids.Count, cleared);
    }

    private static IQueryable<ApplicationCapture> Due(IQueryable<ApplicationCapture> captures, DateTime before) =>
        captures.Where(c => c.MediaDeletedAt == null
            && c.Application!.State == ApplicationState.Transmitted
            && c.Application.TransmittedAt < before);
}
