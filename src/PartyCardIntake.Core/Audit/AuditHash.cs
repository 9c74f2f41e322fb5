using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Audit;

/// <summary>The canonical text of an audit entry and its SHA-256, shared by the writer and the check.</summary>
public static class AuditHash
{
    /// <summary>Predecessor of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Instants are hashed to the millisecond; finer ticks would not survive PostgreSQL's microseconds.</summary>
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    /// <summary>
    /// Every field is written with its length first, so that no value can imitate a field boundary.
    /// The id is left out: it is assigned by the database after the hash is computed; order is the chain itself.
    /// </summary>
    public static string CanonicalText(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder("audit/v1");
        Append(text, entry.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        Append(text, entry.UserName);
        Append(text, entry.Role);
        Append(text, entry.CommuneId?.ToString(CultureInfo.InvariantCulture));
        Append(text, entry.ProvinceId?.ToString(CultureInfo.InvariantCulture));
        Append(text, entry.Action.ToString());
        Append(text, entry.MemberId?.ToString(CultureInfo.InvariantCulture));
        Append(text, entry.Target);
        Append(text, entry.Address);
        Append(text, entry.PreviousHash);
        return text.ToString();
    }

    public static string Compute(AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(entry))));

    private static void Append(StringBuilder text, string? value)
    {
        // "-" marks null, "n:" a value of n characters; an empty string is "0:".
        text.Append('|');
        if (value is null)
        {
            text.Append('-');
            return;
        }

        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }
}
