using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>How an operation on a visit ended. Everything but <see cref="Done"/> leaves the database as it was.</summary>
public enum HomeVisitOutcome
{
    Done,

    /// <summary>No such member or visit in the user's commune (another commune's ids land here), or not the user's to change.</summary>
    NotFound,

    /// <summary>The form breaks a rule of <see cref="HomeVisitFormValidator"/>; the failures say which field.</summary>
    Invalid,
    NotFlagged,
    Exempted,
    Captured,
    MemberPlanned,
    OfficerInvalid,
    OfficerBusy,
    Cancelled,
    NotPlanned,
    AlreadyDone,
    NotYet,
}

/// <summary>The outcome, the visit's id when one was made, and for <see cref="HomeVisitOutcome.Invalid"/> the field messages.</summary>
public sealed record HomeVisitResult(HomeVisitOutcome Outcome, int? VisitId = null, IReadOnlyList<HomeVisitFieldError>? Errors = null)
{
    public static readonly HomeVisitResult NotFound = new(HomeVisitOutcome.NotFound);

    public bool Succeeded => Outcome == HomeVisitOutcome.Done;

    /// <summary>The field a refusal belongs beside on the form (null: the form as a whole).</summary>
    public string? Field => Outcome switch
    {
        HomeVisitOutcome.OfficerInvalid or HomeVisitOutcome.OfficerBusy => nameof(HomeVisitForm.OfficerId),
        _ => null,
    };

    public string Message => Outcome == HomeVisitOutcome.Invalid && Errors is [var first, ..] ? first.Message : HomeVisitText.Error(Outcome);

    public static implicit operator HomeVisitResult(HomeVisitOutcome outcome) => new(outcome);
}

public sealed record HomeVisitFieldError(string Field, string Message);

/// <summary>
/// Makes, moves, cancels and closes home-visit appointments of the user's commune; the station lead's work. Every
/// form is checked again here by <see cref="HomeVisitFormValidator"/> against the commune's own calendar.
/// </summary>
public sealed class HomeVisitService(
    IDbContextFactory<AppDbContext> factory,
    CurrentUser user,
    VietnamTime time,
    TimeProvider clock,
    IValidator<HomeVisitForm> validator,
    IOptions<HomeVisitOptions> options)
{
    public bool CanManage => user.IsInRole(AppRoles.StationLead) && user.CommuneId is not null;

    private bool CanRead => (user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.WardCommittee)) && user.CommuneId is not null;

    /// <summary>The commune's calendar for the rules: now, its deadline (else the province's), its sites' hours; null for users outside a commune's planning.</summary>
    public async Task<HomeVisitCalendar?> CalendarAsync(CancellationToken cancellationToken = default)
    {
        if (!CanRead || user.CommuneId is not { } communeId)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await CalendarAsync(db, communeId, cancellationToken);
    }

    private async Task<HomeVisitCalendar> CalendarAsync(AppDbContext db, int communeId, CancellationToken cancellationToken)
    {
        var deadline = await db.Communes.AsNoTracking().Where(c => c.Id == communeId)
            .Select(c => c.Deadline ?? c.Province!.Deadline)
            .FirstOrDefaultAsync(cancellationToken);
        var sites = await db.IntakeSites.AsNoTracking().Where(s => s.CommuneId == communeId).ToListAsync(cancellationToken);
        return HomeVisitCalendar.From(time.Now.DateTime, deadline, sites.Select(s => s.Schedule).ToList(), options.Value);
    }

    public async Task<HomeVisitResult> CreateAsync(int memberId, HomeVisitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!CanManage)
        {
            return HomeVisitResult.NotFound;
        }

        // Two leads booking one officer (or one member) at the same moment must not both pass the checks.
        return await factory.RunSerializableAsync((db, ct) => CreateInAsync(db, memberId, form.Copy(), ct), cancellationToken);
    }

    private async Task<HomeVisitResult> CreateInAsync(AppDbContext db, int memberId, HomeVisitForm form, CancellationToken cancellationToken)
    {
        var member = await db.PartyMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return HomeVisitResult.NotFound;
        }

        if ((MemberError(member) ?? await CapturedError(db, memberId, cancellationToken)) is { } memberError)
        {
            return memberError;
        }

        form.WithDetails = true;
        if (await InvalidAsync(db, form, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var (start, end) = form.Times()!.Value;
        var error = await OfficerError(db, form.OfficerId, cancellationToken)
            ?? await PlannedError(db, memberId, 0, cancellationToken)
            ?? await OverlapError(db, form.OfficerId!, start, end, 0, cancellationToken);
        if (error is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var visit = new HomeVisit
        {
            CommuneId = member.CommuneId,
            MemberId = member.Id,
            Start = start,
            End = end,
            Team = VietnameseText.Normalize(form.Team),
            OfficerId = form.OfficerId,
            Address = VietnameseText.Normalize(form.Address),
            Note = string.IsNullOrWhiteSpace(form.Note) ? null : VietnameseText.Normalize(form.Note),
            Status = HomeVisitStatus.Planned,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.HomeVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return new HomeVisitResult(HomeVisitOutcome.Done, visit.Id);
    }

    /// <summary>New date, time or officer; a missed visit moved to a new time is planned again.</summary>
    public async Task<HomeVisitResult> RescheduleAsync(int visitId, HomeVisitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!CanManage)
        {
            return HomeVisitResult.NotFound;
        }

        return await factory.RunSerializableAsync((db, ct) => RescheduleInAsync(db, visitId, form.Copy(), ct), cancellationToken);
    }

    private async Task<HomeVisitResult> RescheduleInAsync(AppDbContext db, int visitId, HomeVisitForm form, CancellationToken cancellationToken)
    {
        var visit = await db.HomeVisits.Include(v => v.Member).FirstOrDefaultAsync(v => v.Id == visitId, cancellationToken);
        if (visit is null)
        {
            return HomeVisitResult.NotFound;
        }

        if (visit.Status == HomeVisitStatus.Cancelled)
        {
            return HomeVisitOutcome.Cancelled;
        }

        if ((MemberError(visit.Member!) ?? await CapturedError(db, visit.MemberId, cancellationToken)) is { } memberError)
        {
            return memberError;
        }

        form.WithDetails = false;
        if (await InvalidAsync(db, form, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var (start, end) = form.Times()!.Value;
        var error = await OfficerError(db, form.OfficerId, cancellationToken)
            ?? await PlannedError(db, visit.MemberId, visit.Id, cancellationToken)
            ?? await OverlapError(db, form.OfficerId!, start, end, visit.Id, cancellationToken);
        if (error is { } refused)
        {
            return refused;
        }

        visit.Start = start;
        visit.End = end;
        visit.OfficerId = form.OfficerId;
        visit.Status = HomeVisitStatus.Planned;
        visit.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new HomeVisitResult(HomeVisitOutcome.Done, visit.Id);
    }

    public async Task<HomeVisitResult> CancelAsync(int visitId, CancellationToken cancellationToken = default) =>
        await CloseAsync(visitId, HomeVisitStatus.Cancelled, cancellationToken);

    /// <summary>Nobody was at home, or the member could not be captured: the member needs a new appointment.</summary>
    public async Task<HomeVisitResult> MarkMissedAsync(int visitId, CancellationToken cancellationToken = default) =>
        await CloseAsync(visitId, HomeVisitStatus.Missed, cancellationToken);

    private async Task<HomeVisitResult> CloseAsync(int visitId, HomeVisitStatus status, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return HomeVisitResult.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var visit = await db.HomeVisits.FirstOrDefaultAsync(v => v.Id == visitId, cancellationToken);
        if (visit is null)
        {
            return HomeVisitResult.NotFound;
        }

        if (visit.Status != HomeVisitStatus.Planned)
        {
            return HomeVisitOutcome.NotPlanned;
        }

        if (await CapturedError(db, visit.MemberId, cancellationToken) is not null)
        {
            return HomeVisitOutcome.AlreadyDone;
        }

        if (status == HomeVisitStatus.Missed && visit.Start > time.Now.DateTime)
        {
            return HomeVisitOutcome.NotYet;
        }

        visit.Status = status;
        visit.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new HomeVisitResult(HomeVisitOutcome.Done, visit.Id);
    }

    /// <summary>The form's rules against the commune's calendar as it is now, not the one the page loaded.</summary>
    private async Task<HomeVisitResult?> InvalidAsync(AppDbContext db, HomeVisitForm form, CancellationToken cancellationToken)
    {
        form.Use(await CalendarAsync(db, user.CommuneId!.Value, cancellationToken));
        var result = await validator.ValidateAsync(form, cancellationToken);
        return result.IsValid
            ? null
            : new HomeVisitResult(HomeVisitOutcome.Invalid, Errors: result.Errors.Select(e => new HomeVisitFieldError(e.PropertyName, e.ErrorMessage)).ToList());
    }

    private static HomeVisitOutcome? MemberError(PartyMember member) =>
        !member.NeedsHomeVisit ? HomeVisitOutcome.NotFlagged
        : member.Exemption is not null ? HomeVisitOutcome.Exempted
        : null;

    private static async Task<HomeVisitOutcome?> CapturedError(AppDbContext db, int memberId, CancellationToken cancellationToken) =>
        await db.Applications.AnyAsync(a => a.MemberId == memberId && a.State != ApplicationState.Cancelled, cancellationToken) ? HomeVisitOutcome.Captured : null;

    /// <summary>The id comes from the form, so it is checked against the commune's own police.</summary>
    private async Task<HomeVisitOutcome?> OfficerError(AppDbContext db, string? officerId, CancellationToken cancellationToken)
    {
        var communeId = user.CommuneId ?? throw new InvalidOperationException("Commune users only.");
        return await HomeVisitQueries.OfficersOf(db, communeId).AnyAsync(u => u.Id == officerId, cancellationToken) ? null : HomeVisitOutcome.OfficerInvalid;
    }

    private async Task<HomeVisitOutcome?> PlannedError(AppDbContext db, int memberId, int except, CancellationToken cancellationToken)
    {
        var now = time.Now.DateTime;
        return await db.HomeVisits.AnyAsync(v => v.MemberId == memberId && v.Id != except && v.Status == HomeVisitStatus.Planned && v.End >= now, cancellationToken)
            ? HomeVisitOutcome.MemberPlanned
            : null;
    }

    private static async Task<HomeVisitOutcome?> OverlapError(AppDbContext db, string officerId, DateTime start, DateTime end, int except, CancellationToken cancellationToken) =>
        await db.HomeVisits.AnyAsync(
            v => v.OfficerId == officerId && v.Id != except && v.Status == HomeVisitStatus.Planned && v.Start < end && v.End > start
                && !db.Applications.Any(a => a.MemberId == v.MemberId && a.State != ApplicationState.Cancelled),
            cancellationToken)
            ? HomeVisitOutcome.OfficerBusy
            : null;
}
