using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Registry;

/// <summary>The party record's side of a comparison.</summary>
public sealed record PartyRecord(string FullName, Sex Sex, int BirthYear, DateOnly? BirthDate, string? Address);

public enum RegistryField
{
    FullName = 1,
    DateOfBirth = 2,
    Sex = 3,
    Address = 4,
}

/// <summary>How much a difference matters: a warning goes to review, a mismatch must be corrected.</summary>
public enum FieldSeverity
{
    Same = 0,
    Warning = 1,
    Mismatch = 2,
}

/// <summary>
/// One field side by side. <see cref="Reason"/> is a stable code (for example "name.diacritics",
/// "dob.year-only", "address.place-renamed") that the user interface turns into a sentence.
/// </summary>
public sealed record FieldComparison(RegistryField Field, string PartyValue, string RegistryValue, FieldSeverity Severity, string Reason);

public sealed record RegistryComparison(IReadOnlyList<FieldComparison> Fields)
{
    public bool HasMismatch => Fields.Any(f => f.Severity == FieldSeverity.Mismatch);

    public bool HasWarnings => Fields.Any(f => f.Severity == FieldSeverity.Warning);

    /// <summary>Only mismatches make a record "mismatched"; warnings are matched records that a lead reviews.</summary>
    public VerificationStatus Verdict => HasMismatch ? VerificationStatus.Mismatched : VerificationStatus.Matched;
}
