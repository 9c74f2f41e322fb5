using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using System.Text.Json.Serialization;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;

namespace PartyCardIntake.Core.Verification;

/// <summary>A check as shown to a person: the registry's record and the comparison, when there is one.</summary>
public sealed record MemberCheck(RegistryCheck Check, RegistryCitizen? Citizen, RegistryComparison? Comparison);

/// <summary>
/// Checks one member against the population registry and records the check. Used by the desk, the
/// re-check worker and the pre-check, so that all three judge a record the same way.
/// </summary>
public sealed class RegistryCheckService(IPopulationRegistry registry, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Adds the check to <paramref name="db"/>; the caller saves it with whatever else it changes.</summary>
    public async Task<MemberCheck> CheckAsync(
        AppDbContext db,
        PartyMember member,
        CheckSource source,
        string? userId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(member);
        var lookup = await registry.LookupAsync(member.IdNumber, cancellationToken);
        var check = new RegistryCheck
        {
            CommuneId = member.CommuneId,
            MemberId = member.Id,
            CheckedAt = clock.GetUtcNow().UtcDateTime,
            Source = source,
            CheckedBy = userId,
            ElapsedMilliseconds = (int)Math.Min(int.MaxValue, lookup.Elapsed.TotalMilliseconds),
        };

        RegistryComparison? comparison = null;
        switch (lookup.Outcome)
        {
            case LookupOutcome.Found:
                comparison = RegistryComparer.Compare(PartyRecordOf(member), lookup.Citizen!);
                check.Outcome = comparison.HasMismatch ? CheckOutcome.Mismatched : CheckOutcome.Matched;
                check.HasWarnings = comparison.HasWarnings;
                check.CitizenJson = JsonSerializer.Serialize(lookup.Citizen, Json);
                check.ComparisonJson = JsonSerializer.Serialize(comparison, Json);
                break;
            case LookupOutcome.NotFound:
                check.Outcome = CheckOutcome.NotFound;
                break;
            default:
                check.Outcome = CheckOutcome.Unavailable;
                check.FailureReason = lookup.FailureReason;
                break;
        }

        db.RegistryChecks.Add(check);
        if (check.IsConclusive)
        {
            await UpdateWorklistAsync(db, check, cancellationToken);
        }

        return new MemberCheck(check, lookup.Citizen, comparison);
    }

    /// <summary>
    /// Every disagreement lands in the committee's worklist, whoever checked; agreement closes the item.
    /// </summary>
    private static async Task UpdateWorklistAsync(AppDbContext db, RegistryCheck check, CancellationToken cancellationToken)
    {
        var item = db.WorklistItems.Local.FirstOrDefault(w => w.MemberId == check.MemberId)
            ?? await db.WorklistItems.FirstOrDefaultAsync(w => w.MemberId == check.MemberId, cancellationToken);
        var clean = check.Outcome == CheckOutcome.Matched && !check.HasWarnings;
        if (item is null)
        {
            if (!clean)
            {
                db.WorklistItems.Add(WorklistItem.OpenFor(check, check.CheckedAt));
            }

            return;
        }

        item.Apply(check, check.CheckedAt);
    }

    public static PartyRecord PartyRecordOf(PartyMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new PartyRecord(member.FullName, member.Sex, member.BirthYear, member.BirthDate, member.Address);
    }

    /// <summary>Reads back a stored check for display.</summary>
    public static MemberCheck Read(RegistryCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var citizen = check.CitizenJson is null ? null : JsonSerializer.Deserialize<RegistryCitizen>(check.CitizenJson, Json);
        var comparison = check.ComparisonJson is null ? null : JsonSerializer.Deserialize<RegistryComparison>(check.ComparisonJson, Json);
        return new MemberCheck(check, citizen, comparison);
    }
}
