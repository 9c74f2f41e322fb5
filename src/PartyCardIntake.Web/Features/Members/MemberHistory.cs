using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>
/// One line of a member's history (an import, a change, a registry check or an application), already in
/// Vietnamese: <see cref="What"/> happened, <see cref="Detail"/> says to what (a field's old and new value, a
/// reason, an outcome), <see cref="Since"/> is an exemption's start date. <see cref="Kind"/> is the code, for tests.
/// </summary>
public sealed record HistoryEntry(DateTime At, string Kind, string What, string? Detail, string? Note, string? By, DateOnly? Since = null);

public sealed record MemberStatus(MemberCheck? LastCheck, WorklistItem? Worklist, IReadOnlyList<HistoryEntry> History);

/// <summary>The registry status and the history of one member, within the user's commune.</summary>
public sealed class MemberHistory(IDbContextFactory<AppDbContext> factory, CurrentUser user)
{
    /// <summary>The field under which an exemption's start date is written beside the reason, in the same change.</summary>
    public const string ExemptedOnField = "ExemptedOn";

    /// <summary>Null when the member does not exist, belongs to another commune, or the user is not commune staff.</summary>
    public async Task<MemberStatus?> ForAsync(int memberId, CancellationToken cancellationToken = default)
    {
        if (user.CommuneId is null
            || !(user.IsInRole(AppRoles.WardCommittee) || user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.IntakeOfficer)))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.AsNoTracking()
            .Where(m => m.Id == memberId)
            .Select(m => new { m.Exemption, m.ExemptedOn })
            .FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return null;
        }

        var checks = await db.RegistryChecks.AsNoTracking()
            .Where(c => c.MemberId == memberId)
            .OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id)
            .Take(50)
            .ToListAsync(cancellationToken);
        var worklist = await db.WorklistItems.AsNoTracking().FirstOrDefaultAsync(w => w.MemberId == memberId, cancellationToken);
        var events = await db.MemberEvents.AsNoTracking()
            .Where(e => e.MemberId == memberId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
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
        var cellIds = events.Where(e => e.Field == "PartyCell")
            .SelectMany(e => new[] { e.OldValue, e.NewValue })
            .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0)
            .Distinct()
            .ToList();
        var cells = cellIds.Count == 0
            ? new Dictionary<int, string>()
            : await db.PartyCells.AsNoTracking().Where(c => cellIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        // The start date travels as a second event of the same exemption; it is shown on the exemption's line.
        var startDates = events.Where(e => e.Kind == MemberEventKind.Exempted && e.Field == ExemptedOnField)
            .GroupBy(e => e.At)
            .ToDictionary(g => g.Key, g => ParseIso(g.First().NewValue));
        var latestExemption = events.FirstOrDefault(e => e.Kind == MemberEventKind.Exempted && e.Field != ExemptedOnField);

        var history = events
            .Where(e => !(e.Kind == MemberEventKind.Exempted && e.Field == ExemptedOnField))
            .Select(e =>
            {
                DateOnly? since = null;
                if (e.Kind == MemberEventKind.Exempted)
                {
                    // Changes written before the start date was kept: the member's current exemption still knows it.
                    since = startDates.GetValueOrDefault(e.At)
                        ?? (ReferenceEquals(e, latestExemption) && member.Exemption?.ToString() == e.NewValue ? member.ExemptedOn : null);
                }

                return new HistoryEntry(e.At, $"Event_{e.Kind}", Labels.Message($"Event_{e.Kind}"), Describe(e, cells), e.Note, e.UserName, since);
            })
            .Concat(checks.Select(c => new HistoryEntry(
                c.CheckedAt,
                $"Check_{c.Source}",
                Labels.Message($"Check_{c.Source}"),
                Labels.Message("value." + c.Outcome),
                c.FailureReason is null ? null : Labels.RegistryFailure(c.FailureReason),
                null)))
            .Concat(applications.Select(a => new HistoryEntry(
                a.SubmittedAt,
                "Event_ApplicationSubmitted",
                Labels.Message("Event_ApplicationSubmitted"),
                Labels.Message("value." + a.State),
                $"{Ui.Member_Verification}: {Labels.Of(a.Verification)}",
                null)))
            .Concat(imported is null ? [] : [new HistoryEntry(imported.CreatedAt, "Event_Imported", Labels.Message("Event_Imported"), null, imported.FileName, imported.UploadedBy)])
            .OrderByDescending(h => h.At)
            .ToList();
        var last = checks.FirstOrDefault(c => c.IsConclusive) ?? checks.FirstOrDefault();
        return new MemberStatus(last is null ? null : RegistryCheckService.Read(last), worklist, history);
    }

    /// <summary>What a change did, in words: "Giới tính: Nam → Nữ"; an exemption or its lifting names the reason.</summary>
    internal static string? Describe(MemberEvent e, IReadOnlyDictionary<int, string> cells)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind is MemberEventKind.Exempted)
        {
            return Value(e.Field, e.NewValue, cells);
        }

        if (e.Kind is MemberEventKind.ExemptionLifted)
        {
            return e.OldValue is null ? null : $"{Ui.Members_HistoryFormerReason}: {Value(e.Field, e.OldValue, cells)}";
        }

        if (e.Field is null)
        {
            return null;
        }

        return $"{Labels.FieldName(e.Field)}: {Value(e.Field, e.OldValue, cells) ?? "—"} → {Value(e.Field, e.NewValue, cells) ?? "—"}";
    }

    /// <summary>A stored value as a person reads it: enum names and flags in Vietnamese, cell ids as names, ISO dates as dd/MM/yyyy.</summary>
    internal static string? Value(string? field, string? value, IReadOnlyDictionary<int, string> cells)
    {
        if (value is null)
        {
            return null;
        }

        return field switch
        {
            "Exemption" when Enum.TryParse<ExemptionReason>(value, out var reason) && Enum.IsDefined(reason) => Labels.Of(reason),
            "Sex" when Enum.TryParse<Sex>(value, out var sex) && Enum.IsDefined(sex) => Labels.Of(sex),
            "NeedsHomeVisit" => value == "true" ? Ui.Members_HistoryYes : Ui.Members_HistoryNo,
            "PartyCell" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cell) => cells.GetValueOrDefault(cell, value),
            _ when ParseIso(value) is { } date => Labels.Date(date),
            _ => value,
        };
    }

    private static DateOnly? ParseIso(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
