using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>What the committee sends to correct a party record from the registry's values.</summary>
public sealed record CorrectionInput(string? FullName, string? DateOfBirth, Sex? Sex, string? Address, string? Note);

/// <summary>
/// The committee's changes to a member: exemptions, home visits, corrections from the worklist. Every
/// change is written with its old and new value as a member event.
/// </summary>
public sealed class MemberAdmin(IDbContextFactory<AppDbContext> factory, RegistryCheckService checks, TimeProvider clock, CurrentUser user)
{
    /// <summary>Null when done; otherwise a message code.</summary>
    public async Task<string?> ExemptAsync(int memberId, ExemptionReason reason, string? note, DateOnly on, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return "member.not-found";
        }

        if (await db.Applications.AnyAsync(a => a.MemberId == memberId && a.State != ApplicationState.Cancelled, cancellationToken))
        {
            return "member.has-application";
        }

        var before = member.Exemption?.ToString();
        member.Exempt(reason, note, on);
        Record(db, member, MemberEventKind.Exempted, "Exemption", before, reason.ToString(), member.ExemptionNote);
        await SaveWithCountsAsync(db, member.CommuneId, cancellationToken);
        return null;
    }

    public async Task<string?> LiftExemptionAsync(int memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return "member.not-found";
        }

        if (member.Exemption is { } reason)
        {
            member.LiftExemption();
            Record(db, member, MemberEventKind.ExemptionLifted, "Exemption", reason.ToString(), null, null);
            await SaveWithCountsAsync(db, member.CommuneId, cancellationToken);
        }

        return null;
    }

    public async Task<string?> SetHomeVisitAsync(int memberId, bool needed, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return "member.not-found";
        }

        if (member.NeedsHomeVisit != needed)
        {
            Record(db, member, MemberEventKind.HomeVisitChanged, "NeedsHomeVisit", Flag(member.NeedsHomeVisit), Flag(needed), null);
            member.NeedsHomeVisit = needed;
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// Corrects the party record (name, date of birth, sex, address) and checks the member again at once,
    /// so that the worklist item closes when the records now agree.
    /// </summary>
    public async Task<string?> CorrectAsync(int memberId, CorrectionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return "member.not-found";
        }

        var name = VietnameseText.Normalize(input.FullName);
        if (name.Length == 0)
        {
            return "member.name-empty";
        }

        if (!TryParseBirth(input.DateOfBirth, out var year, out var date))
        {
            return "member.birth-invalid";
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
            return ex.Code;
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
        return null;
    }

    public async Task<string?> RequestRegistryUpdateAsync(int memberId, string? note, CancellationToken cancellationToken = default) =>
        await ResolveAsync(memberId, WorklistStatus.AwaitingRegistryUpdate, MemberEventKind.RegistryUpdateRequested, note, "worklist.note-required", cancellationToken);

    public async Task<string?> AcceptAsync(int memberId, string? reason, CancellationToken cancellationToken = default) =>
        await ResolveAsync(memberId, WorklistStatus.Accepted, MemberEventKind.AcceptedAsIs, reason, "worklist.reason-required", cancellationToken);

    /// <summary>Checks the member against the registry now; the result closes or re-opens the item.</summary>
    public async Task<string?> RecheckAsync(int memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.PartyMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return "member.not-found";
        }

        var result = await checks.CheckAsync(db, member, CheckSource.Committee, user.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return result.Check.Outcome == CheckOutcome.Unavailable ? "registry.unavailable" : null;
    }

    private async Task<string?> ResolveAsync(int memberId, WorklistStatus status, MemberEventKind kind, string? text, string missingCode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return missingCode;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var item = await db.WorklistItems.Include(w => w.Member).FirstOrDefaultAsync(w => w.MemberId == memberId, cancellationToken);
        if (item is null)
        {
            return "member.not-found";
        }

        item.Status = status;
        item.Note = text.Trim();
        item.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        item.UpdatedBy = user.UserName;
        Record(db, item.Member!, kind, null, null, null, item.Note);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private void Record(AppDbContext db, PartyMember member, MemberEventKind kind, string? field, string? oldValue, string? newValue, string? note) =>
        db.MemberEvents.Add(new MemberEvent
        {
            CommuneId = member.CommuneId,
            Member = member,
            MemberId = member.Id,
            At = clock.GetUtcNow().UtcDateTime,
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
