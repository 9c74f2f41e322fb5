namespace PartyCardIntake.Infrastructure.Audit;

public enum AuditBreak
{
    /// <summary>The entry's stored hash is not the hash of its content: the entry was changed.</summary>
    Content,

    /// <summary>The entry does not point at the entry before it: something before it was removed, inserted or changed.</summary>
    Link,
}

/// <summary>Outcome of checking the audit chain.</summary>
public sealed record AuditCheck(bool IsIntact, long VerifiedEntries, long? BrokenEntryId, long? PreviousEntryId, AuditBreak? Break, long? LastEntryId)
{
    public static AuditCheck Intact(long count, long? lastId) => new(true, count, null, null, null, lastId);

    public static AuditCheck Broken(long count, long entryId, long? previousId, AuditBreak kind) => new(false, count, entryId, previousId, kind, null);

    /// <summary>An English line for operators' consoles and logs.</summary>
    public string Describe() => IsIntact
        ? $"Audit chain intact: {VerifiedEntries} entries verified."
        : Break == AuditBreak.Content
            ? $"Audit chain broken at entry {BrokenEntryId}: its content does not match its hash (the entry was changed). {VerifiedEntries} entries before it verified."
            : $"Audit chain broken at entry {BrokenEntryId}: it does not follow entry {PreviousEntryId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(start)"} (an entry between them was removed or changed). {VerifiedEntries} entries before it verified.";
}
