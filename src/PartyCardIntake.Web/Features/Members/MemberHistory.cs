using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>One line of a member's history: an import, a change, a registry check or an application.</summary>
public sealed record HistoryEntry(DateTime At, string Kind, string? Field, string? OldValue, string? NewValue, string? Note, string? By);

public sealed record MemberStatus(MemberCheck? LastCheck, WorklistItem? Worklist, IReadOnlyList<HistoryEntry> History);

/// <summary>The registry status and the history of one member, within the user's commune.</summary>
public sealed class MemberHistory(IDbContextFactory<AppDbContext> factory)
{
    public async Task<MemberStatus> ForAsync(int memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var checks = await db.RegistryChecks.AsNoTracking()
            .Where(c => c.MemberId == memberId)
            .OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id)
            .Take(50)
            .ToListAsync(cancellationToken);
        var worklist = await db.WorklistItems.AsNoTracking().FirstOrDefaultAsync(w => w.MemberId == memberId, cancellationToken);
        var events = await db.MemberEvents.AsNoTracking()
            .Where(e => e.MemberId == memberId)
            .OrderByDescending(e => e.At)
            .Take(200)
            .ToListAsync(cancellationToken);
        var imported = await db.PartyMembers.AsNoTracking()
            .Where(m => m.Id == memberId && m.CreatedByImportId != null)
            .Join(db.MemberImports, m => m.CreatedByImportId, i => i.Id, (m, i) => new { m.CreatedAt, i.FileName, i.UploadedBy })
            .FirstOrDefaultAsync(cancellationToken);
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.MemberId == memberId)
            .Select(a => new { a.SubmittedAt, a.State, a.Verification })
            .ToListAsync(cancellationToken);

        var history = events
            .Select(e => new HistoryEntry(e.At, $"Event_{e.Kind}", e.Field, e.OldValue, e.NewValue, e.Note, e.UserName))
            .Concat(checks.Select(c => new HistoryEntry(c.CheckedAt, $"Check_{c.Source}", null, null, c.Outcome.ToString(), c.FailureReason, null)))
            .Concat(applications.Select(a => new HistoryEntry(a.SubmittedAt, "Event_ApplicationSubmitted", null, null, a.State.ToString(), PartyCardIntake.Web.Components.Labels.Of(a.Verification), null)))
            .Concat(imported is null ? [] : [new HistoryEntry(imported.CreatedAt, "Event_Imported", null, null, null, imported.FileName, imported.UploadedBy)])
            .OrderByDescending(h => h.At)
            .ToList();
        var last = checks.FirstOrDefault(c => c.IsConclusive) ?? checks.FirstOrDefault();
        return new MemberStatus(last is null ? null : RegistryCheckService.Read(last), worklist, history);
    }
}
