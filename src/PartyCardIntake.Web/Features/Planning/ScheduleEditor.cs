using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Scheduling;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>How a change to the schedule ended. Everything but <see cref="Done"/> leaves the database as it was.</summary>
public enum SlotOutcome
{
    Done,

    /// <summary>No such slot, cell or site in the user's commune (another commune's ids land here), or not the user's to change.</summary>
    NotFound,

    /// <summary>The form breaks a rule of its validator; the failures say which field.</summary>
    Invalid,
    Ended,
    EndBeforeStart,
    InPast,
    BeforeCampaign,
    AfterDeadline,
    OutsideHours,
    NobodyWaiting,
    MembersCount,
    SplitCount,
}

public sealed record SlotFieldError(string Field, string Message);

/// <summary>The outcome, the slot's id when one was made or changed, the problems it now has (flags, not refusals), and the field messages.</summary>
public sealed record SlotResult(SlotOutcome Outcome, int? SlotId = null, SlotProblem Problems = SlotProblem.None, IReadOnlyList<SlotFieldError>? Errors = null, CampaignWindow? Window = null)
{
    public static readonly SlotResult NotFound = new(SlotOutcome.NotFound);

    public bool Succeeded => Outcome == SlotOutcome.Done;

    /// <summary>The form field a refusal belongs beside (null: the form as a whole).</summary>
    public string? Field => Outcome switch
    {
        SlotOutcome.InPast or SlotOutcome.BeforeCampaign or SlotOutcome.AfterDeadline => nameof(SlotForm.Date),
        SlotOutcome.EndBeforeStart => nameof(SlotForm.To),
        SlotOutcome.OutsideHours => nameof(SlotForm.From),
        SlotOutcome.NobodyWaiting => nameof(SlotForm.CellId),
        SlotOutcome.MembersCount => nameof(SlotForm.Members),
        SlotOutcome.SplitCount => nameof(SplitForm.FirstPart),
        _ => null,
    };

    public string Message => Outcome switch
    {
        SlotOutcome.Invalid when Errors is [var first, ..] => first.Message,
        SlotOutcome.AfterDeadline when Window is { Deadline: { } deadline } => string.Format(Ui.Culture, Ui.Msg_slot_after_deadline_on, Labels.Date(deadline)),
        SlotOutcome.BeforeCampaign when Window is { Start: { } start } => string.Format(Ui.Culture, Ui.Msg_slot_before_campaign_on, Labels.Date(start)),
        _ => Labels.Message(Code),
    };

    private string Code => Outcome switch
    {
        SlotOutcome.Done => "done.slot-moved",
        SlotOutcome.NotFound => "slot.not-found",
        SlotOutcome.Ended => "slot.ended",
        SlotOutcome.EndBeforeStart => "slot.end-before-start",
        SlotOutcome.InPast => "slot.in-past",
        SlotOutcome.BeforeCampaign => "slot.before-campaign",
        SlotOutcome.AfterDeadline => "slot.after-deadline",
        SlotOutcome.OutsideHours => "slot.outside-hours",
        SlotOutcome.NobodyWaiting => "slot.cell-nobody-waiting",
        SlotOutcome.MembersCount => "slot.members-count",
        SlotOutcome.SplitCount => "slot.split-count",
        _ => "slot.input",
    };

    public static implicit operator SlotResult(SlotOutcome outcome) => new(outcome);
}

/// <summary>
/// Changes to the stored schedule by hand: move a slot, split a cell's slot in two, add a slot, remove one; the station
/// lead's and the committee's work. Every slot touched becomes a hand-made slot that re-planning keeps. Slots that have
/// ended are history and stay as they were. A new place must lie after now, inside the campaign (first day to the
/// commune's deadline) and inside the site's hours of that date (<see cref="SlotPlacementRules"/>); conflicts, capacity
/// and the cell's availability are flagged in the result, not refused.
/// </summary>
public sealed class ScheduleEditor(
    IDbContextFactory<AppDbContext> factory,
    CurrentUser user,
    VietnamTime time,
    TimeProvider clock,
    IValidator<SlotForm> slotValidator,
    IValidator<SplitForm> splitValidator)
{
    public bool CanEdit => (user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.WardCommittee)) && user.CommuneId is not null;

    public async Task<SlotResult> MoveAsync(int slotId, SlotForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!CanEdit)
        {
            return SlotResult.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var slot = await db.ScheduleSlots.FirstOrDefaultAsync(s => s.Id == slotId, cancellationToken);
        if (slot is null)
        {
            return SlotResult.NotFound;
        }

        if (Refusal(slot) is { } ended)
        {
            return ended;
        }

        form = form.Copy();
        form.ForNew = false;
        if (await PlacementAsync(db, form, cancellationToken) is { Succeeded: false } refused)
        {
            return refused;
        }

        var (start, end) = form.Times()!.Value;
        slot.IntakeSiteId = form.SiteId!.Value;
        slot.Start = start;
        slot.End = end;
        slot.IsManual = true;
        await db.SaveChangesAsync(cancellationToken);
        return new SlotResult(SlotOutcome.Done, slot.Id, await ProblemsAsync(db, slot.Id, cancellationToken));
    }

    /// <summary>
    /// Keeps the first <see cref="SplitForm.FirstPart"/> members (in list order) in the slot and gives the rest a new slot
    /// right after them at the same site; the second part can then be moved on its own.
    /// </summary>
    public async Task<SlotResult> SplitAsync(int slotId, SplitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!CanEdit)
        {
            return SlotResult.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var slot = await db.ScheduleSlots.Include(s => s.Expected).ThenInclude(e => e.Member).Include(s => s.IntakeSite!.Devices)
            .FirstOrDefaultAsync(s => s.Id == slotId, cancellationToken);
        if (slot is null)
        {
            return SlotResult.NotFound;
        }

        if (Refusal(slot) is { } error)
        {
            return error;
        }

        var checkedForm = new SplitForm { FirstPart = form.FirstPart }.Of(slot.Expected.Count);
        if (!(await splitValidator.ValidateAsync(checkedForm, cancellationToken)).IsValid)
        {
            return SlotOutcome.SplitCount;
        }

        var firstPart = checkedForm.FirstPart!.Value;
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
        return new SlotResult(SlotOutcome.Done, second.Id);
    }

    /// <summary>A slot made by hand for members of a cell who have no slot yet (no-shows included).</summary>
    public async Task<SlotResult> AddAsync(SlotForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!CanEdit || user.CommuneId is not { } communeId)
        {
            return SlotResult.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        form = form.Copy();
        form.ForNew = true;
        if (form.CellId is { } cellId && !await db.PartyCells.AnyAsync(c => c.Id == cellId, cancellationToken))
        {
            return SlotResult.NotFound;
        }

        if (await PlacementAsync(db, form, cancellationToken) is { Succeeded: false } refused)
        {
            return refused;
        }

        var cell = form.CellId!.Value;
        var waiting = (await WaitingMembers.ByCellAsync(db, time.Now.DateTime, cell, cancellationToken)).GetValueOrDefault(cell);
        if (waiting is null || waiting.Count == 0)
        {
            return SlotOutcome.NobodyWaiting;
        }

        var members = form.Members!.Value;
        if (members > waiting.Count)
        {
            return SlotOutcome.MembersCount;
        }

        var (start, end) = form.Times()!.Value;
        var slot = new ScheduleSlot
        {
            CommuneId = communeId,
            IntakeSiteId = form.SiteId!.Value,
            PartyCellId = cell,
            Start = start,
            End = end,
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
        return new SlotResult(SlotOutcome.Done, slot.Id, await ProblemsAsync(db, slot.Id, cancellationToken));
    }

    /// <summary>Removes a slot that has not ended; its members wait for a slot again.</summary>
    public async Task<SlotResult> RemoveAsync(int slotId, CancellationToken cancellationToken = default)
    {
        if (!CanEdit)
        {
            return SlotResult.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var slot = await db.ScheduleSlots.FirstOrDefaultAsync(s => s.Id == slotId, cancellationToken);
        if (slot is null)
        {
            return SlotResult.NotFound;
        }

        if (Refusal(slot) is { } error)
        {
            return error;
        }

        db.ScheduleSlots.Remove(slot);
        await db.SaveChangesAsync(cancellationToken);
        return new SlotResult(SlotOutcome.Done, slotId);
    }

    /// <summary>The commune's campaign days: its first day and the commune's deadline, else the province's.</summary>
    internal static async Task<CampaignWindow> WindowAsync(AppDbContext db, int communeId, CancellationToken cancellationToken) =>
        await db.Communes.AsNoTracking().Where(c => c.Id == communeId)
            .Select(c => new CampaignWindow(c.Province!.CampaignStart, c.Deadline ?? c.Province.Deadline))
            .FirstOrDefaultAsync(cancellationToken) ?? new CampaignWindow(null, null);

    private SlotResult? Refusal(ScheduleSlot slot) => slot.End <= time.Now.DateTime ? SlotOutcome.Ended : null;

    /// <summary>The form's rules, then the site (of the commune) and the placement rules against its hours of that date.</summary>
    private async Task<SlotResult> PlacementAsync(AppDbContext db, SlotForm form, CancellationToken cancellationToken)
    {
        var window = await WindowAsync(db, user.CommuneId!.Value, cancellationToken);
        form.Use(window);
        var validation = await slotValidator.ValidateAsync(form, cancellationToken);
        if (!validation.IsValid)
        {
            var errors = validation.Errors.Select(e => new SlotFieldError(e.PropertyName, e.ErrorMessage)).ToList();

            // The campaign's days are a refusal of their own, so that callers without the form (a drag) can tell.
            if (form.Date is { } date && !window.Contains(DateOnly.FromDateTime(date)) && errors.Count == 1)
            {
                return new SlotResult(window.Deadline is { } last && DateOnly.FromDateTime(date) > last ? SlotOutcome.AfterDeadline : SlotOutcome.BeforeCampaign, Errors: errors, Window: window);
            }

            return new SlotResult(SlotOutcome.Invalid, Errors: errors, Window: window);
        }

        var site = await db.IntakeSites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == form.SiteId, cancellationToken);
        if (site is null)
        {
            return SlotResult.NotFound;
        }

        var (start, end) = form.Times()!.Value;
        return SlotPlacementRules.Check(start, end, site.Schedule, time.Now.DateTime, window.Start, window.Deadline) switch
        {
            PlacementRefusal.None => new SlotResult(SlotOutcome.Done),
            PlacementRefusal.EndBeforeStart => new SlotResult(SlotOutcome.EndBeforeStart, Window: window),
            PlacementRefusal.InPast => new SlotResult(SlotOutcome.InPast, Window: window),
            PlacementRefusal.BeforeCampaign => new SlotResult(SlotOutcome.BeforeCampaign, Window: window),
            PlacementRefusal.AfterDeadline => new SlotResult(SlotOutcome.AfterDeadline, Window: window),
            _ => new SlotResult(SlotOutcome.OutsideHours, Window: window),
        };
    }

    /// <summary>The problems the slot has now among the commune's slots of its day.</summary>
    private static async Task<SlotProblem> ProblemsAsync(AppDbContext db, int slotId, CancellationToken cancellationToken)
    {
        var slot = await db.ScheduleSlots.AsNoTracking().FirstAsync(s => s.Id == slotId, cancellationToken);
        var view = await ScheduleCalendar.CheckAsync(db, DateOnly.FromDateTime(slot.Start), 1, cancellationToken);
        return view.GetValueOrDefault(slotId);
    }
}
