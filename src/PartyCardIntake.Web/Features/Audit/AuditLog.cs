using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Audit;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Features.Audit;

/// <summary>
/// Writes audit entries for the current request or circuit: user, role, scope and client address come from
/// <see cref="Security.CurrentUser"/> (the request's claims, or the circuit's authentication state). Callers name only the action, the member's database id and a short target; never a name
/// or an ID number.
/// </summary>
public sealed class AuditLog(AuditChain chain, Security.CurrentUser current, TimeProvider clock, ISystemDbContextFactory factory)
{
    public Task RecordAsync(AuditAction action, int? memberId = null, string? target = null, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        actor ??= AuditActor.From(current.Principal);
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserName = Limit(actor.UserName, 256),
            Role = Limit(actor.Role, 50),
            CommuneId = actor.CommuneId,
            ProvinceId = actor.ProvinceId,
            Action = action,
            MemberId = memberId,
            Target = Limit(target, 300),
            Address = Limit(current.ClientAddress, 64),
        };
        return chain.AppendAsync(entry, cancellationToken);
    }

    /// <summary>The member of an application, for entries about its photo, signature or record.</summary>
    public async Task<int?> MemberOfApplicationAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.Applications.Where(a => a.Id == applicationId).Select(a => (int?)a.MemberId).FirstOrDefaultAsync(cancellationToken);
    }

    private static string? Limit(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];
}
