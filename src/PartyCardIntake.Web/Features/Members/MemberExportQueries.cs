using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Features.Review;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>Reads a member's data for a subject-access request. Null when the member is not in the caller's commune.</summary>
public sealed class MemberExportQueries(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public async Task<MemberExportData?> LoadAsync(int memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.PartyMembers.AsNoTracking()
            .Where(m => m.Id == memberId)
            .Select(m => new { Member = m, Cell = m.PartyCell!.Name, CommuneCode = m.Commune!.Code, CommuneName = m.Commune.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.MemberId == memberId)
            .OrderBy(a => a.SubmittedAt)
            .Select(a => new
            {
                Application = a,
                Site = db.IntakeSites.Where(s => s.Id == a.IntakeSiteId).Select(s => s.Name).FirstOrDefault(),
                Device = db.Devices.Where(d => d.Id == a.DeviceId).Select(d => d.Name).FirstOrDefault(),
                Capture = db.ApplicationCaptures.Where(c => c.ApplicationId == a.Id)
                    .Select(c => new { c.CapturedAt, c.PhotoWidth, c.PhotoHeight, c.PhotoSha256, c.SignatureSha256, c.MediaDeletedAt })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var checks = await db.RegistryChecks.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.CheckedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var worklist = await db.WorklistItems.AsNoTracking().Where(w => w.MemberId == memberId).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        var slots = await db.SlotMembers.AsNoTracking()
            .Where(s => s.MemberId == memberId)
            .Select(s => new { s.ScheduleSlot!.Start, s.ScheduleSlot.End, Site = s.ScheduleSlot.IntakeSite!.Name, Cell = s.ScheduleSlot.PartyCell!.Name, s.CheckedInAt, s.CheckedInBy })
            .OrderBy(s => s.Start)
            .ToListAsync(cancellationToken);
        var visits = await db.HomeVisits.AsNoTracking().Where(v => v.MemberId == memberId).OrderBy(v => v.Start).ToListAsync(cancellationToken);
        var events = await db.MemberEvents.AsNoTracking().Where(e => e.MemberId == memberId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);

        // The trail has no commune filter; the member was found in the caller's commune above.
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.MemberId == memberId).OrderBy(e => e.Id).ToListAsync(cancellationToken);

        var userIds = applications.SelectMany(a => new[] { a.Application.SubmittedBy, a.Application.ApprovedBy })
            .Concat(checks.Select(c => c.CheckedBy))
            .Concat(visits.Select(v => v.OfficerId))
            .OfType<string>()
            .Distinct()
            .ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, cancellationToken);
        string? User(string? id) => id is null ? null : users.GetValueOrDefault(id) ?? (id == AutoApproval.UserName ? Ui.Review_System : id);

        var m = row.Member;
        var member = new ExportedMember(
            m.Id, row.CommuneCode, row.CommuneName, row.Cell, m.IdNumber.Value, m.FullName, Labels.Of(m.Sex), m.BirthYear, m.BirthDate,
            m.PartyCardNumber, m.JoinedOn, m.Phone, m.Address,
            m.Exemption is { } reason ? new ExportedExemption(Labels.Of(reason), m.ExemptionNote, m.ExemptedOn) : null,
            m.NeedsHomeVisit, m.SearchName, m.SortKey, m.CreatedByImportId, Local(m.CreatedAt), Local(m.UpdatedAt), Local(clock.GetUtcNow().UtcDateTime));

        return new MemberExportData(
            member,
            applications.Select(r =>
            {
                var a = r.Application;
                var c = r.Capture;
                var held = c is { MediaDeletedAt: null };
                return new ExportedApplication(
                    a.Id, Labels.Of(a.State), Labels.Of(a.Verification), a.HasWarnings, Local(a.VerifiedAt), a.VerificationAttempts,
                    Local(a.SubmittedAt), User(a.SubmittedBy), Local(a.ApprovedAt), User(a.ApprovedBy), a.ReturnReason, Local(a.TransmittedAt),
                    a.TransmissionId, Local(a.CancelledAt), Local(a.UpdatedAt), r.Site, r.Device,
                    c is null ? null : new ExportedCapture(
                        Local(c.CapturedAt), c.PhotoWidth, c.PhotoHeight, c.PhotoSha256, c.SignatureSha256,
                        held ? MemberExport.PhotoFile(a.Id) : null, held ? MemberExport.SignatureFile(a.Id) : null, held ? MemberExport.StrokesFile(a.Id) : null,
                        Local(c.MediaDeletedAt)));
            }).ToList(),
            checks.Select(c => new ExportedCheck(
                Local(c.CheckedAt), Labels.Of(c.Source), Labels.Of(c.Outcome), c.HasWarnings, c.FailureReason, c.ElapsedMilliseconds, User(c.CheckedBy),
                c.ApplicationId, Parse(c.CitizenJson), Parse(c.ComparisonJson))).ToList(),
            worklist.Select(w => new ExportedWorklistItem(
                Labels.Of(w.Status), Labels.Of(w.LastOutcome), w.LastHasWarnings, Local(w.LastCheckedAt), Local(w.OpenedAt), Local(w.UpdatedAt), w.Note, w.UpdatedBy)).ToList(),
            new ExportedSchedule(
                slots.Select(s => new ExportedSlot(s.Start, s.End, s.Site, s.Cell, Local(s.CheckedInAt), s.CheckedInBy)).ToList(),
                visits.Select(v => new ExportedHomeVisit(
                    v.Start, v.End, v.Team, User(v.OfficerId), v.Address, v.Note, Labels.Of(v.Status), Local(v.CreatedAt), Local(v.UpdatedAt))).ToList()),
            events.Select(e => new ExportedEvent(Local(e.At), e.UserName, Labels.Message("Event_" + e.Kind), e.Field, e.OldValue, e.NewValue, e.Note)).ToList(),
            audit.Select(e => new ExportedAuditEntry(e.Id, Local(e.At), e.UserName, e.Role, AuditLabel(e.Action), e.Target)).ToList());
    }

    private static DateTimeOffset Local(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);

    private static DateTimeOffset? Local(DateTime? utc) => utc is { } value ? Local(value) : null;

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Kept as text rather than dropped: it is still data held about the member.
            return JsonSerializer.SerializeToElement(json);
        }
    }

    private static string AuditLabel(AuditAction action) =>
        Ui.ResourceManager.GetString("Audit_Action_" + action, Ui.Culture) ?? action.ToString();
}
