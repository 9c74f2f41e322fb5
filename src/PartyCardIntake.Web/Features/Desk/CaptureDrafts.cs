using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Desk;

public sealed record DraftView(Guid IdempotencyKey, byte[]? Photo, byte[]? Signature, string? Strokes);

/// <summary>
/// The desk's unsaved capture of one member on one device, kept in the database as it is taken (see
/// <see cref="CaptureDraft"/>). Read and written through the user's scoped factory, so a desk only ever reaches
/// drafts of its own commune.
/// </summary>
public sealed class CaptureDrafts(IDbContextFactory<AppDbContext> factory, CurrentUser user, TimeProvider clock, FieldMode.CaptureMediaProtector protector)
{
    /// <summary>How long a draft left behind (a member who walked away) is kept before the retention worker removes it.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    public async Task<DraftView?> FindAsync(int deviceId, int memberId, CancellationToken cancellationToken = default)
    {
        if (!DeskRoles.MayWork(user))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var draft = await db.CaptureDrafts.AsNoTracking()
            .Where(d => d.DeviceId == deviceId && d.MemberId == memberId)
            .Select(d => new DraftView(d.IdempotencyKey, d.Photo, d.Signature, d.Strokes))
            .FirstOrDefaultAsync(cancellationToken);
        return draft is null || !protector.Enabled
            ? draft
            : draft with { Photo = protector.UnprotectOrNull(draft.Photo), Signature = protector.UnprotectOrNull(draft.Signature), Strokes = protector.UnprotectTextOrNull(draft.Strokes) };
    }

    /// <summary>Keeps the photo (null: retaken, none yet) under the capture's key.</summary>
    public Task SavePhotoAsync(DeskStation station, int memberId, string userId, Guid key, byte[]? photo, CancellationToken cancellationToken = default) =>
        UpsertAsync(station, memberId, userId, key, d => d.Photo = protector.ProtectOrNull(photo), cancellationToken);

    /// <summary>Keeps the signature and its strokes (both null: the pad was cleared).</summary>
    public Task SaveSignatureAsync(DeskStation station, int memberId, string userId, Guid key, byte[]? png, string? strokes, CancellationToken cancellationToken = default) =>
        UpsertAsync(station, memberId, userId, key, d => (d.Signature, d.Strokes) = (protector.ProtectOrNull(png), protector.ProtectTextOrNull(strokes)), cancellationToken);

    public async Task DeleteAsync(int deviceId, int memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.CaptureDrafts.Where(d => d.DeviceId == deviceId && d.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task UpsertAsync(DeskStation station, int memberId, string userId, Guid key, Action<CaptureDraft> change, CancellationToken cancellationToken)
    {
        if (!DeskRoles.MayWork(user))
        {
            throw new InvalidOperationException("Only desk users keep capture drafts.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var draft = await db.CaptureDrafts.FirstOrDefaultAsync(d => d.DeviceId == station.DeviceId && d.MemberId == memberId, cancellationToken);
            if (draft is null)
            {
                // The device's commune, read through the scope filter: a device of another commune is not found.
                var communeId = await db.Devices.Where(d => d.Id == station.DeviceId).Select(d => (int?)d.CommuneId).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new InvalidOperationException("The desk's device is not in the user's commune.");
                draft = new CaptureDraft { CommuneId = communeId, DeviceId = station.DeviceId, MemberId = memberId, UserId = userId, IdempotencyKey = key };
                db.CaptureDrafts.Add(draft);
            }

            draft.IdempotencyKey = key;
            draft.UserId = userId;
            change(draft);
            draft.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (attempt == 0 && DbErrors.IsUniqueViolation(e))
            {
                // The photo's and the signature's writes of one member met: the second one updates the first's row.
                db.ChangeTracker.Clear();
            }
        }
    }
}
