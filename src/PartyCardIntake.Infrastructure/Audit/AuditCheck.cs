namespace PartyCardIntake.Infrastructure.Audit;

public enum AuditBreak
{
    /// <summary>The entry's stored hash is not the hash of its content: the entry was changed.</summary>
    Content,

    /// <summary>The entry does not point at the entry before it: something before it was removed, inserted or changed.</summary>
    Link,

    /// <summary>An anchor kept outside the database names this entry with another hash: it was rewritten.</summary>
    Anchor,

    /// <summary>An anchor names an entry the database no longer has: entries were cut from the end.</summary>
    Missing,
}

/// <summary>Outcome of checking the audit chain.</summary>
public sealed record AuditCheck(bool IsIntact, long VerifiedEntries, long? BrokenEntryId, long? PreviousEntryId, AuditBreak? Break, long? LastEntryId)
{
    /// <summary>Anchors from outside the database that the chain was checked against.</summary>
    public int AnchorsChecked { get; init; }

    public static AuditCheck Intact(long count, long? lastId) => new(true, count, null, null, null, lastId);

    public static AuditCheck Broken(long count, long entryId, long? previousId, AuditBreak kind) => new(false, count, entryId, previousId, kind, null);

    /// <summary>An English line for operators' consoles and logs.</summary>
    public string Describe() => IsIntact
        ? $"Audit chain intact: {VerifiedEntries} entries verified, {AnchorsChecked} anchors matched."
        : Break == AuditBreak.Anchor
            ? $"Audit chain broken at entry {BrokenEntryId}: its hash is not the one anchored outside the database (the chain was rewritten from there on)."
        : Break == AuditBreak.Missing
            ? $"Audit chain broken: entry {BrokenEntryId} was anchored outside the database but is gone; the chain ends at entry {PreviousEntryId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(start)"} (entries were cut from the end)."
        : Break == AuditBreak.Content
            ? $"Audit chain broken at entry {BrokenEntryId}: its content does not match its hash (the entry was changed). {VerifiedEntries} entries before it verified."
            : $"Audit chain broken at entry {BrokenEntryId}: it does not follow entry {PreviousEntryId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(start)"} (an entry between them was removed or changed). {VerifiedEntries} entries before it verified.";
}
