using System.Globalization;

namespace PartyCardIntake.Infrastructure.Audit;

/// <summary>
/// The chain's last entry as seen at some moment, kept outside the database. Someone able to rewrite the
/// database can cut entries off the end and leave a chain that verifies; an anchor of an entry that is
/// no longer there, or that now has another hash, shows it.
/// </summary>
public sealed record AuditAnchor(DateTime At, long EntryId, string Hash)
{
    /// <summary>One line: "2025-08-19T07:30:15Z 1234 9f86d0…", easy to read, copy or print.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{At:yyyy-MM-ddTHH:mm:ssZ} {EntryId} {Hash}");

    public static AuditAnchor? Parse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3
            && DateTime.TryParseExact(parts[0], "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && parts[2].Length == 64
            && parts[2].All(char.IsAsciiHexDigitLower)
                ? new AuditAnchor(at, id, parts[2])
                : null;
    }
}
