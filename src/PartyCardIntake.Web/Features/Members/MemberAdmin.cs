using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>What the committee sends to correct a party record from the registry's values.</summary>
public sealed record CorrectionInput(string? FullName, string? DateOfBirth, Sex? Sex, string? Address, string? Note);

/// <summary>How a change to a member ended.</summary>
public enum MemberChangeOutcome
{
    Done,

    /// <summary>No such member in the user's commune (or another commune's member): the same answer.</summary>
    NotFound,

    /// <summary>The user may not change members (only the ward committee may).</summary>
    Denied,
    HasApplication,
    NameEmpty,
    BirthInvalid,
    BirthDateYear,
    IdSexMismatch,
    IdYearMismatch,
    NoteRequired,
    ReasonRequired,
    RegistryUnavailable,
}

/// <summary>The typed answer of every <see cref="MemberAdmin"/> operation, with its sentence in Vietnamese.</summary>
public sealed record MemberChangeResult(MemberChangeOutcome Outcome)
{
    public static readonly MemberChangeResult Done = new(MemberChangeOutcome.Done);

    public bool Succeeded => Outcome == MemberChangeOutcome.Done;

    public string Message => Outcome switch
    {
        MemberChangeOutcome.Done => string.Empty,
        MemberChangeOutcome.NotFound => Resources.Ui.NotFound_Text,
        MemberChangeOutcome.Denied => Resources.Ui.Members_ChangeDenied,
        MemberChangeOutcome.HasApplication => Components.Labels.Message("member.has-application"),
        MemberChangeOutcome.NameEmpty => Components.Labels.Message("member.name-empty"),
        MemberChangeOutcome.BirthInvalid => Components.Labels.Message("member.birth-invalid"),
        MemberChangeOutcome.BirthDateYear => Components.Labels.Message("member.birthdate-year"),
        MemberChangeOutcome.IdSexMismatch => Components.Labels.Message("id.sex-mismatch"),
        MemberChangeOutcome.IdYearMismatch => Components.Labels.Message("id.year-mismatch"),
        MemberChangeOutcome.NoteRequired => Components.Labels.Message("worklist.note-required"),
        MemberChangeOutcome.ReasonRequired => Components.Labels.Message("worklist.reason-required"),
        MemberChangeOutcome.RegistryUnavailable => Components.Labels.Message("registry.unavailable"),
        _ => Outcome.ToString(),
    };

    internal static MemberChangeResult Of(MemberChangeOutcome outcome) => outcome == MemberChangeOutcome.Done ? Done : new(outcome);

    internal static MemberChangeResult OfDomainCode(string code) => Of(code switch
    {
        "member.name-empty" => MemberChangeOutcome.NameEmpty,
        "member.birthdate-year" => MemberChangeOutcome.BirthDateYear,
        "id.sex-mismatch" => MemberChangeOutcome.IdSexMismatch,
        "id.year-mismatch" => MemberChangeOutcome.IdYearMismatch,
        _ => MemberChangeOutcome.BirthInvalid,
    });
}

/// <summary>
/// The committee's changes to a member: exemptions, home visits, corrections from the worklist. Every
/// change is written with its old and new value as a member event. Only the ward committee may change a
/// member; another commune's member is "not found".
/// </summary>
public sealed class MemberAdmin(IDbContextFactory<AppDbContext> factory, RegistryCheckService checks, TimeProvider clock, CurrentUser user, Audit.AuditLog audit)
{
    /// <summary>The ward committee of a commune, as the MemberLists policy.</summary>
    public bool MayChange => user.CommuneId is not null && user.IsInRole(AppRoles.WardCommittee);

    /// <summary>Excuses the member from the exchange from <paramref name="on"/>; refused once the member has an application.</summary>
    public async Task<MemberChangeResult> ExemptAsync(int memberId, ExemptionReason reason, string? note, DateOnly on, CancellationToken cancellationToken = default) =>
        await AuditedAsync(memberId, "exempt", await ExemptCoreAsync(memberId, reason, note, on, cancellationToken));

    public async Task<MemberChangeResult> LiftExemptionAsync(int memberId, CancellationToken cancellationToken = default) =>
        await AuditedAsync(memberId, "lift", await LiftExemptionCoreAsync(memberId, cancellationToken));

    public async Task<MemberChangeResult> SetHomeVisitAsync(int memberId, bool needed, CancellationToken cancellationToken = default) =>
        await AuditedAsync(memberId, "homevisit", await SetHomeVisitCoreAsync(memberId, needed, cancellationToken));

    /// <summary>
    /// Corrects the party record (name, date of birth, sex, address) and checks the member again at once,
    /// so that the worklist item closes when the records now agree.
    /// </summary>
    public async Task<MemberChangeResult> CorrectAsync(int memberId, CorrectionInput input, CancellationToken cancellationToken = default) =>
        await AuditedAsync(memberId, "correct", await CorrectCoreAsync(memberId, input, cancellationToken));

    /// <summary>Checks the member against the registry now; the result closes or re-opens the item.</summary>
    public async Task<MemberChangeResult> RecheckAsync(int memberId, CancellationToken cancellationToken = default) =>
        await AuditedAsync(memberId, "recheck", await RecheckCoreAsync(memberId, cancellationToken));

    /// <summary>
    /// A circuit sends no request for the audit middleware to see: each change is written here, as the form
    /// posts were (a change, or a refusal for want of the role), with the member and the outcome.
    /// </summary>
    private async Task<MemberChangeResult> AuditedAsync(int memberId, string action, MemberChangeResult result)
    {
        var target = string.Create(CultureInfo.InvariantCulture, $"CHANGE /members/{memberId}/{action} → {result.Outcome}");
        await audit.RecordAsync(result.Outcome == MemberChangeOutcome.Denied ? AuditAction.AccessDenied : AuditAction.Change, memberId, target, cancellationToken: CancellationToken.None);
        return result;
    }

    private async Task<MemberChangeResult> ExemptCoreAsync(int memberId, ExemptionReason reason, string? note, DateOnly on, CancellationToken cancellationToken = default)
    {
        if (!MayChange)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.Denied);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.NotFound);
        }

        if (await db.Applications.AnyAsync(a => a.MemberId == memberId && a.State != ApplicationState.Cancelled, cancellationToken))
        {
            return MemberChangeResult.Of(MemberChangeOutcome.HasApplication);
        }

        var before = member.Exemption?.ToString();
        var beforeOn = member.ExemptedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        member.Exempt(reason, note, on);
        var at = clock.GetUtcNow().UtcDateTime;
        Record(db, member, MemberEventKind.Exempted, "Exemption", before, reason.ToString(), member.ExemptionNote, at);

        // The start date beside the reason, at the same instant, so that the history shows them on one line.
        Record(db, member, MemberEventKind.Exempted, MemberHistory.ExemptedOnField, beforeOn, on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, at);
        await SaveWithCountsAsync(db, member.CommuneId, cancellationToken);
        return MemberChangeResult.Done;
    }

    private async Task<MemberChangeResult> LiftExemptionCoreAsync(int memberId, CancellationToken cancellationToken = default)
    {
        if (!MayChange)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.Denied);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.NotFound);
        }

        if (member.Exemption is { } reason)
        {
            member.LiftExemption();
            Record(db, member, MemberEventKind.ExemptionLifted, "Exemption", reason.ToString(), null, null);
            await SaveWithCountsAsync(db, member.CommuneId, cancellationToken);
        }

        return MemberChangeResult.Done;
    }

    private async Task<MemberChangeResult> SetHomeVisitCoreAsync(int memberId, bool needed, CancellationToken cancellationToken = default)
    {
        if (!MayChange)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.Denied);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.NotFound);
        }

        if (member.NeedsHomeVisit != needed)
        {
            Record(db, member, MemberEventKind.HomeVisitChanged, "NeedsHomeVisit", Flag(member.NeedsHomeVisit), Flag(needed), null);
            member.NeedsHomeVisit = needed;
            await db.SaveChangesAsync(cancellationToken);
        }

        return MemberChangeResult.Done;
    }

    private async Task<MemberChangeResult> CorrectCoreAsync(int memberId, CorrectionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MayChange)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.Denied);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.NotFound);
        }

        var name = VietnameseText.Normalize(input.FullName);
        if (name.Length == 0)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.NameEmpty);
        }

        if (!TryParseBirth(input.DateOfBirth, out var year, out var date))
        {
            return MemberChangeResult.Of(MemberChangeOutcome.BirthInvalid);
        }

        var sex = input.Sex ?? member.Sex;
        var before = new Dictionary<string, string?>
        {
            ["FullName"] = member.FullName,
            ["DateOfBirth"] = Birth(member.BirthYear, member.BirthDate),
            ["Sex"] = member.Sex.ToString(),
            ["Address"] = member.Address,
        };
        try
        {
            member.SetIdentity(member.IdNumber, name, sex, year, date);
        }
        catch (DomainException ex)
        {
            return MemberChangeResult.OfDomainCode(ex.Code);
        }

        var address = string.IsNullOrWhiteSpace(input.Address) ? member.Address : VietnameseText.Normalize(input.Address);
        member.Address = address;
        member.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var after = new Dictionary<string, string?>
        {
            ["FullName"] = member.FullName,
            ["DateOfBirth"] = Birth(member.BirthYear, member.BirthDate),
            ["Sex"] = member.Sex.ToString(),
            ["Address"] = member.Address,
        };
        foreach (var (field, old) in before)
        {
            if (!string.Equals(old, after[field], StringComparison.Ordinal))
            {
                Record(db, member, MemberEventKind.Corrected, field, old, after[field], input.Note);
            }
        }

        await checks.CheckAsync(db, member, CheckSource.Committee, user.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return MemberChangeResult.Done;
    }

    public async Task<MemberChangeResult> RequestRegistryUpdateAsync(int memberId, string? note, CancellationToken cancellationToken = default) =>
        await AuditedAsync(memberId, "request-update", await ResolveAsync(memberId, WorklistStatus.AwaitingRegistryUpdate, MemberEventKind.RegistryUpdateRequested, note, MemberChangeOutcome.NoteRequired, cancellationToken));

    public async Task<MemberChangeResult> AcceptAsync(int memberId, string? reason, CancellationToken cancellationToken = default) =>
        await AuditedAsync(memberId, "accept", await ResolveAsync(memberId, WorklistStatus.Accepted, MemberEventKind.AcceptedAsIs, reason, MemberChangeOutcome.ReasonRequired, cancellationToken));

    private async Task<MemberChangeResult> RecheckCoreAsync(int memberId, CancellationToken cancellationToken = default)
    {
        if (!MayChange)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.Denied);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.NotFound);
        }

        var result = await checks.CheckAsync(db, member, CheckSource.Committee, user.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return result.Check.Outcome == CheckOutcome.Unavailable ? MemberChangeResult.Of(MemberChangeOutcome.RegistryUnavailable) : MemberChangeResult.Done;
    }

    private async Task<MemberChangeResult> ResolveAsync(int memberId, WorklistStatus status, MemberEventKind kind, string? text, MemberChangeOutcome missing, CancellationToken cancellationToken)
    {
        if (!MayChange)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.Denied);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return MemberChangeResult.Of(missing);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var item = await db.WorklistItems.Include(w => w.Member).FirstOrDefaultAsync(w => w.MemberId == memberId, cancellationToken);
        if (item is null)
        {
            return MemberChangeResult.Of(MemberChangeOutcome.NotFound);
        }

        item.Status = status;
        item.Note = text.Trim();
        item.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        item.UpdatedBy = user.UserName;
        Record(db, item.Member!, kind, null, null, null, item.Note);
        await db.SaveChangesAsync(cancellationToken);
        return MemberChangeResult.Done;
    }

    private void Record(AppDbContext db, PartyMember member, MemberEventKind kind, string? field, string? oldValue, string? newValue, string? note, DateTime? at = null) =>
        db.MemberEvents.Add(new MemberEvent
        {
            CommuneId = member.CommuneId,
            Member = member,
            MemberId = member.Id,
            At = at ?? clock.GetUtcNow().UtcDateTime,
            UserName = user.UserName,
            Kind = kind,
            Field = field,
            OldValue = oldValue,
            NewValue = newValue,
            Note = note,
        });

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Birth(int year, DateOnly? date) =>
        date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? year.ToString(CultureInfo.InvariantCulture);

    /// <summary>"dd/MM/yyyy" or a year alone.</summary>
    public static bool TryParseBirth(string? text, out int year, out DateOnly? date)
    {
        date = null;
        year = 0;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 4 && value.All(char.IsAsciiDigit))
        {
            year = int.Parse(value, CultureInfo.InvariantCulture);
            return year is >= 1900 and <= 2100;
        }

        if (DateOnly.TryParseExact(value, ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            year = parsed.Year;
            return true;
        }

        return false;
    }

    /// <summary>
    /// An exemption changes who is eligible: the commune's counts change in the same transaction. The changes
    /// stay pending in the context until the commit, so that a repeat after a transient fault saves them again.
    /// </summary>
    private static async Task SaveWithCountsAsync(AppDbContext db, int communeId, CancellationToken cancellationToken)
    {
        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                await MemberCounts.RecountAsync(db, communeId, ct);
                await transaction.CommitAsync(ct);
            },
            cancellationToken);
        db.ChangeTracker.AcceptAllChanges();
    }
}
