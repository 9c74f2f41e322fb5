using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Desk;

public sealed record DeskCheckAnswer(MemberCheck Check, SubmissionDecision Decision);

/// <summary>
/// The desk's registry check of a member, and what a save right after it would record, by the same rule the
/// submission applies (<see cref="SubmissionVerification"/>): the page never promises what is not saved.
/// </summary>
public sealed class DeskCheck(
    IDbContextFactory<AppDbContext> factory,
    RegistryCheckService checks,
    CurrentUser user,
    TimeProvider clock,
    IOptions<VerificationOptions> verification,
    FieldMode.FieldCaptureGate field)
{
    public async Task<DeskCheckAnswer?> CheckAsync(int memberId, CancellationToken cancellationToken = default)
    {
        if (!DeskRoles.MayWork(user))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return null;
        }

        if (field.AlwaysPending)
        {
            // No registry in the field: the kit's last check is shown as it was, and the save stays pending.
            var last = await db.RegistryChecks.AsNoTracking().Where(c => c.MemberId == member.Id)
                .OrderByDescending(c => c.CheckedAt).FirstOrDefaultAsync(cancellationToken);
            if (last is not null)
            {
                return new DeskCheckAnswer(RegistryCheckService.Read(last), SubmissionDecision.Pending);
            }
        }

        var result = await checks.CheckAsync(db, member, CheckSource.Desk, user.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var decision = field.AlwaysPending ? SubmissionDecision.Pending : await SubmissionVerification.DecideForMemberAsync(
            db.RegistryChecks.AsNoTracking(), member.Id, clock.GetUtcNow().UtcDateTime, verification.Value.RecentCheck, cancellationToken);
        return new DeskCheckAnswer(result, decision);
    }
}

/// <summary>What the desk page learns when a capture is saved: where to say so, and for whom.</summary>
public sealed record DeskSaved(Guid ApplicationId, string FullName);
