using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>
/// Makes, moves, cancels and closes home-visit appointments of the user's commune. Every refusal is a
/// code (see <see cref="HomeVisitText.Error"/>) and leaves the database as it was.
/// </summary>
public sealed class HomeVisitService(IDbContextFactory<AppDbContext> factory, CurrentUser user, VietnamTime time, TimeProvider clock)
{
    public const string NotFound = "not-found";

    public async Task<(int? Id, string? Error)> CreateAsync(int memberId, HomeVisitInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Two leads booking one officer (or one member) at the same moment must not both pass the checks.
        return await factory.RunSerializableAsync((db, ct) => CreateInAsync(db, memberId, input, ct), cancellationToken);
    }

    private async Task<(int? Id, string? Error)> CreateInAsync(AppDbContext db, int memberId, HomeVisitInput input, CancellationToken cancellationToken)
    {
        var member = await db.PartyMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return (null, NotFound);
        }

        if ((MemberError(member) ?? await CapturedError(db, memberId, cancellationToken)) is { } memberError)
        {
            return (null, memberError);
        }

        var (start, end, error) = input.Times();
        var team = VietnameseText.Normalize(input.Team);
        var address = VietnameseText.Normalize(input.Address);
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : VietnameseText.Normalize(input.Note);
        error ??= start < time.Now.DateTime ? "past"
            : team.Length == 0 ? "team-required"
            : address.Length == 0 ? "address-required"
            : team.Length > 100 || address.Length > 500 || note?.Length > 500 ? "too-long"
            : null;
        error ??= await OfficerError(db, input.OfficerId, cancellationToken)
            ?? await PlannedError(db, memberId, 0, cancellationToken)
            ?? await OverlapError(db, input.OfficerId!, start, end, 0, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var visit = new HomeVisit
        {
            CommuneId = member.CommuneId,
            MemberId = member.Id,
            Start = start,
            End = end,
            Team = team,
            OfficerId = input.OfficerId,
            Address = address,
            Note = note,
            Status = HomeVisitStatus.Planned,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.HomeVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return (visit.Id, null);
    }

    /// <summary>New date, time or officer; a missed visit moved to a new time is planned again.</summary>
    public async Task<string?> RescheduleAsync(int visitId, HomeVisitInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await factory.RunSerializableAsync((db, ct) => RescheduleInAsync(db, visitId, input, ct), cancellationToken);
    }

    private async Task<string?> RescheduleInAsync(AppDbContext db, int visitId, HomeVisitInput input, CancellationToken cancellationToken)
    {
        var visit = await db.HomeVisits.Include(v => v.Member).FirstOrDefaultAsync(v => v.Id == visitId, cancellationToken);
        if (visit is null)
        {
            return NotFound;
        }

        if (visit.Status == HomeVisitStatus.Cancelled)
        {
            return "cancelled";
        }

        if ((MemberError(visit.Member!) ?? await CapturedError(db, visit.MemberId, cancellationToken)) is { } memberError)
        {
            return memberError;
        }

        var (start, end, error) = input.Times();
        error ??= start < time.Now.DateTime ? "past" : null;
        error ??= await OfficerError(db, input.OfficerId, cancellationToken)
            ?? await PlannedError(db, visit.MemberId, visit.Id, cancellationToken)
            ?? await OverlapError(db, input.OfficerId!, start, end, visit.Id, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        visit.Start = start;
        visit.End = end;
        visit.OfficerId = input.OfficerId;
        visit.Status = HomeVisitStatus.Planned;
        visit.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<string?> CancelAsync(int visitId, CancellationToken cancellationToken = default) =>
        await CloseAsync(visitId, HomeVisitStatus.Cancelled, cancellationToken);

    /// <summary>Nobody was at home, or the member could not be captured: the member needs a new appointment.</summary>
    public async Task<string?> MarkMissedAsync(int visitId, CancellationToken cancellationToken = default) =>
        await CloseAsync(visitId, HomeVisitStatus.Missed, cancellationToken);

    private async Task<string?> CloseAsync(int visitId, HomeVisitStatus status, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var visit = await db.HomeVisits.FirstOrDefaultAsync(v => v.Id == visitId, cancellationToken);
        if (visit is null)
        {
            return NotFound;
        }

        if (visit.Status != HomeVisitStatus.Planned)
        {
            return "not-planned";
        }

        if (await CapturedError(db, visit.MemberId, cancellationToken) is not null)
        {
            return "done";
        }

        if (status == HomeVisitStatus.Missed && visit.Start > time.Now.DateTime)
        {
            return "not-yet";
        }

        visit.Status = status;
        visit.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static string? MemberError(PartyMember member) =>
        !member.NeedsHomeVisit ? "not-flagged"
        : member.Exemption is not null ? "exempted"
        : null;

    private static async Task<string?> CapturedError(AppDbContext db, int memberId, CancellationToken cancellationToken) =>
        await db.Applications.AnyAsync(a => a.MemberId == memberId && a.State != ApplicationState.Cancelled, cancellationToken) ? "captured" : null;

    /// <summary>The id comes from the form, so it is checked against the commune's own police.</summary>
    private async Task<string?> OfficerError(AppDbContext db, string? officerId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(officerId))
        {
            return "officer-required";
        }

        var communeId = user.CommuneId ?? throw new InvalidOperationException("Commune users only.");
        return await HomeVisitQueries.OfficersOf(db, communeId).AnyAsync(u => u.Id == officerId, cancellationToken) ? null : "officer-invalid";
    }

    private async Task<string?> PlannedError(AppDbContext db, int memberId, int except, CancellationToken cancellationToken)
    {
        var now = time.Now.DateTime;
        return await db.HomeVisits.AnyAsync(v => v.MemberId == memberId && v.Id != except && v.Status == HomeVisitStatus.Planned && v.End >= now, cancellationToken)
            ? "member-planned"
            : null;
    }

    private static async Task<string?> OverlapError(AppDbContext db, string officerId, DateTime start, DateTime end, int except, CancellationToken cancellationToken) =>
        await db.HomeVisits.AnyAsync(
            v => v.OfficerId == officerId && v.Id != except && v.Status == HomeVisitStatus.Planned && v.Start < end && v.End > start
                && !db.Applications.Any(a => a.MemberId == v.MemberId && a.State != ApplicationState.Cancelled),
            cancellationToken)
            ? "officer-busy"
            : null;
}
