using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Tests.Shared.NationalData;

internal readonly record struct GeneratedMember(
    int Id, int CommuneId, int CellId, string IdNumber, NameBook.Entry Name, Sex Sex, int BirthYear, DateOnly? BirthDate,
    ExemptionReason? Exemption, bool NeedsHomeVisit);

internal readonly record struct GeneratedApplication(
    long Index, int CommuneId, int MemberId, ApplicationState State, VerificationStatus Verification, bool HasWarnings,
    DateTime SubmittedAt, DateTime? VerifiedAt, DateTime? ApprovedAt, DateTime? TransmittedAt, DateTime? CancelledAt)
{
    public CountKey Key => new(CommuneId, ApplicationCounts.DayOf(SubmittedAt), State, Verification, HasWarnings);

    public DateTime UpdatedAt => CancelledAt ?? TransmittedAt ?? ApprovedAt ?? VerifiedAt ?? SubmittedAt;
}

/// <summary>
/// One commune's members and applications, from a random stream of the commune's own, so that a commune's data
/// does not depend on how many were generated before it. Half the communes are still receiving on the last day;
/// the others finished earlier with almost everyone received.
/// </summary>
internal static class CommuneRecords
{
    private static readonly string[] BirthCodes = BirthProvinceCodes.Names.Keys.Order(StringComparer.Ordinal).ToArray();
    private static readonly ExemptionReason[] Reasons = [ExemptionReason.SeriouslyIll, ExemptionReason.Abroad, ExemptionReason.NoPreviousCard, ExemptionReason.Deceased];
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static void Generate(NationalDataOptions options, CommuneShape commune, NameBook names, ref long applicationIndex, Action<GeneratedMember> member, Action<GeneratedApplication> application)
    {
        var random = new Random(unchecked((options.Seed * 7919) + commune.Id));
        var days = options.Days;
        var start = random.Next(0, Math.Max(1, days / 5));
        var stillGoing = random.Next(2) == 0;
        var end = stillGoing ? days - 1 : random.Next(start, days);
        var share = stillGoing ? 0.88 + (random.NextDouble() * 0.1) : 0.985 + (random.NextDouble() * 0.015);

        for (var i = 0; i < commune.Members; i++)
        {
            var id = commune.FirstMemberId + i;
            var (idNumber, sex, birthYear) = Identity(id);
            DateOnly? birthDate = random.NextDouble() < 0.8 ? new DateOnly(birthYear, 1 + random.Next(12), 1 + random.Next(28)) : null;
            var excused = i < commune.Excused;
            member(new GeneratedMember(
                id, commune.Id, commune.FirstCellId + (int)((long)i * commune.Cells / commune.Members), idNumber, names.Pick(sex, random),
                sex, birthYear, birthDate, excused ? Reasons[i % Reasons.Length] : null, random.NextDouble() < 0.02));
            if (excused || random.NextDouble() >= share)
            {
                continue;
            }

            var day = start + random.Next(end - start + 1);

            // A few records were captured wrongly and cancelled before the one that stands.
            if (random.NextDouble() < 0.015)
            {
                var earlier = start + random.Next(day - start + 1);
                var at = SubmittedAt(options, earlier, random);
                var verification = random.Next(2) == 0 ? VerificationStatus.Mismatched : VerificationStatus.Pending;
                application(new GeneratedApplication(
                    applicationIndex++, commune.Id, id, ApplicationState.Cancelled, verification, false, at,
                    verification == VerificationStatus.Pending ? null : at.AddMinutes(2), null, null, at.AddMinutes(30)));
            }

            application(Received(options, commune.Id, id, day, random, applicationIndex++));
        }
    }

    private static GeneratedApplication Received(NationalDataOptions options, int communeId, int memberId, int day, Random random, long index)
    {
        var at = SubmittedAt(options, day, random);
        var age = options.Days - 1 - day;
        var r = random.NextDouble();
        var verification = r < (age <= 1 ? 0.10 : 0.01) ? VerificationStatus.Pending
            : r < (age <= 1 ? 0.13 : 0.04) ? VerificationStatus.Mismatched
            : r < (age <= 1 ? 0.135 : 0.045) ? VerificationStatus.NotFound
            : VerificationStatus.Matched;
        var warnings = verification == VerificationStatus.Matched && random.NextDouble() < 0.05;
        var s = random.NextDouble();
        var state = verification switch
        {
            VerificationStatus.Pending => ApplicationState.Submitted,
            VerificationStatus.Mismatched or VerificationStatus.NotFound => s < 0.55 ? ApplicationState.Submitted : ApplicationState.Returned,
            _ when age >= 3 => s < 0.78 ? ApplicationState.Transmitted : s < 0.95 ? ApplicationState.Approved : s < 0.98 ? ApplicationState.Submitted : ApplicationState.Returned,
            _ => s < 0.55 ? ApplicationState.Approved : s < 0.95 ? ApplicationState.Submitted : ApplicationState.Transmitted,
        };
        DateTime? verified = verification == VerificationStatus.Pending ? null : at.AddMinutes(1);
        DateTime? approved = state is ApplicationState.Approved or ApplicationState.Transmitted ? at.AddHours(2) : null;
        DateTime? transmitted = state == ApplicationState.Transmitted ? at.AddHours(6) : null;
        return new GeneratedApplication(index, communeId, memberId, state, verification, warnings, at, verified, approved, transmitted, null);
    }

    /// <summary>Desks are open 07:00–22:00 Vietnamese time.</summary>
    private static DateTime SubmittedAt(NationalDataOptions options, int day, Random random)
    {
        var local = options.FirstDay.AddDays(day).ToDateTime(TimeOnly.MinValue).AddMinutes(420 + random.Next(900));
        return DateTime.SpecifyKind(local - VietnamOffset, DateTimeKind.Utc);
    }

    /// <summary>A valid, unique ID number from the member's id: birth code, year and sex, then a serial.</summary>
    private static (string IdNumber, Sex Sex, int BirthYear) Identity(int id)
    {
        var code = BirthCodes[id % BirthCodes.Length];
        var rest = id / BirthCodes.Length;
        var birthYear = 1940 + (rest % 62);
        rest /= 62;
        var sex = rest % 2 == 0 ? Sex.Male : Sex.Female;
        return (PersonalIdNumber.Create(code, sex, birthYear, rest / 2).Value, sex, birthYear);
    }
}
