using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>A slot as typed on the calendar: where, which day, from and to.</summary>
public sealed record SlotPlacement(int SiteId, DateOnly Date, TimeOnly From, TimeOnly To);

/// <summary>
/// Changes to the stored schedule by hand: move a slot, split a cell's slot in two, add a slot, remove one.
/// Every slot touched becomes a hand-made slot that re-planning keeps. Slots that have ended are history and
/// stay as they were. Each method returns an error code for the page, or null when done.
/// </summary>
public sealed class ScheduleEditor(IDbContextFactory<AppDbContext> factory, CurrentUser user, VietnamTime time, TimeProvider clock)
{
    public async Task<string?> MoveAsync(int slotId, SlotPlacement placement, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var slot = await db.ScheduleSlots.FirstOrDefaultAsync(s => s.Id == slotId, cancellationToken);
        if (slot is null)
        {
            return "slot.not-found";
        }

        if ((Refusal(slot) ?? await PlacementErrorAsync(db, placement, cancellationToken)) is { } error)
        {
            return error;
        }

        slot.IntakeSiteId = placement.SiteId;
        slot.Start = placement.Date.ToDateTime(placement.From);
        slot.End = placement.Date.ToDateTime(placement.To);
        slot.IsManual = true;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Keeps the first <paramref name="firstPart"/> members (in list order) in the slot and gives the rest a
    /// new slot right after them at the same site; the second part can then be moved on its own.
    /// </summary>
    public async Task<string?> SplitAsync(int slotId, int firstPart, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var slot = await db.ScheduleSlots.Include(s => s.Expected).ThenInclude(e => e.Member).Include(s => s.IntakeSite!.Devices)
            .FirstOrDefaultAsync(s => s.Id == slotId, cancellationToken);
        if (slot is null)
        {
            return "slot.not-found";
        }

        if (Refusal(slot) is { } error)
        {
            return error;
        }

        if (firstPart < 1 || firstPart >= slot.Expected.Count)
        {
            return "slot.split-count";
        }

        var site = slot.IntakeSite!;
        var devices = Math.Max(1, site.Devices.Count(d => d.IsActive));
        var firstEnd = slot.Start.AddMinutes(Math.Ceiling(firstPart * (double)site.MinutesPerMember / devices));
        if (firstEnd >= slot.End)
        {
            firstEnd = slot.Start.AddMinutes(Math.Max(1, Math.Floor((slot.End - slot.Start).TotalMinutes * firstPart / slot.Expected.Count)));
        }

        var moving = slot.Expected.OrderBy(e => e.Member!.SortKey).ThenBy(e => e.MemberId).Skip(firstPart).ToList();
        var second = new ScheduleSlot
        {
            CommuneId = slot.CommuneId,
            IntakeSiteId = slot.IntakeSiteId,
            PartyCellId = slot.PartyCellId,
            Start = firstEnd,
            End = slot.End,
            Members = moving.Count,
            IsManual = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var expected in moving)
        {
            slot.Expected.Remove(expected);
            second.Expected.Add(new SlotMember { MemberId = expected.MemberId, CommuneId = slot.CommuneId, CheckedInAt = expected.CheckedInAt, CheckedInBy = expected.CheckedInBy });
        }

        slot.End = firstEnd;
        slot.Members = firstPart;
        slot.IsManual = true;
        db.ScheduleSlots.Add(second);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>A slot made by hand for members of a cell who have no slot yet (no-shows included).</summary>
    public async Task<string?> AddAsync(int cellId, SlotPlacement placement, int members, CancellationToken cancellationToken = default)
    {
        var communeId = user.CommuneId ?? throw new InvalidOperationException("Commune users only.");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.PartyCells.AnyAsync(c => c.Id == cellId, cancellationToken))
        {
            return "slot.cell-unknown";
        }

        if (await PlacementErrorAsync(db, placement, cancellationToken) is { } error)
        {
            return error;
        }

        var waiting = (await WaitingMembers.ByCellAsync(db, time.Now.DateTime, cellId, cancellationToken)).GetValueOrDefault(cellId);
        if (waiting is null || waiting.Count == 0)
        {
            return "slot.cell-nobody-waiting";
        }

        if (members < 1 || members > waiting.Count)
        {
            return "slot.members-count";
        }

        var slot = new ScheduleSlot
        {
            CommuneId = communeId,
            IntakeSiteId = placement.SiteId,
            PartyCellId = cellId,
            Start = placement.Date.ToDateTime(placement.From),
            End = placement.Date.ToDateTime(placement.To),
            Members = members,
            IsManual = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        for (var i = 0; i < members; i++)
        {
            slot.Expected.Add(new SlotMember { MemberId = waiting.Dequeue(), CommuneId = communeId });
        }

        db.ScheduleSlots.Add(slot);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Removes a slot that has not ended; its members wait for a slot again.</summary>
    public async Task<string?> RemoveAsync(int slotId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var slot = await db.ScheduleSlots.FirstOrDefaultAsync(s => s.Id == slotId, cancellationToken);
        if (slot is null)
        {
            return "slot.not-found";
        }

        if (Refusal(slot) is { } error)
        {
            return error;
        }

        db.ScheduleSlots.Remove(slot);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private string? Refusal(ScheduleSlot slot) => slot.End <= time.Now.DateTime ? "slot.ended" : null;

    private async Task<string?> PlacementErrorAsync(AppDbContext db, SlotPlacement placement, CancellationToken cancellationToken)
    {
        if (placement.To <= placement.From)
        {
            return "slot.end-before-start";
        }

        if (placement.Date.ToDateTime(placement.To) <= time.Now.DateTime)
        {
            return "slot.in-past";
        }

        return await db.IntakeSites.AnyAsync(s => s.Id == placement.SiteId, cancellationToken) ? null : "slot.site-unknown";
    }
}
