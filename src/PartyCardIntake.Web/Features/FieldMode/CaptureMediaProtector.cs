using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>
/// Photos, signatures and strokes at rest on a laptop, where SQLite itself is not encrypted: AES-256-GCM under the
/// media key that only the officer's password unwraps. Checksums stay those of the plain bytes. On a station every
/// call hands back what it was given, without copying.
/// </summary>
public sealed class CaptureMediaProtector(IOptions<FieldOptions> options, FieldSecrets secrets)
{
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const string TextPrefix = "pcim1:";
    private static readonly byte[] Magic = "PCIM\u0001"u8.ToArray();

    public bool Enabled => options.Value.Enabled;

    public byte[] Protect(byte[] plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        if (!Enabled)
        {
            return plain;
        }

        var key = KeyOrThrow();
        var stored = new byte[Magic.Length + NonceLength + plain.Length + TagLength];
        Magic.CopyTo(stored, 0);
        var nonce = stored.AsSpan(Magic.Length, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plain, stored.AsSpan(Magic.Length + NonceLength, plain.Length), stored.AsSpan(Magic.Length + NonceLength + plain.Length), Magic);
        return stored;
    }

    /// <summary>The plain bytes; bytes written before field mode (or on a station) come back as they are.</summary>
    public byte[] Unprotect(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!Enabled || !stored.AsSpan().StartsWith(Magic) || stored.Length < Magic.Length + NonceLength + TagLength)
        {
            return stored;
        }

        var key = KeyOrThrow();
        var plain = new byte[stored.Length - Magic.Length - NonceLength - TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(stored.AsSpan(Magic.Length, NonceLength), stored.AsSpan(Magic.Length + NonceLength, plain.Length), stored.AsSpan(stored.Length - TagLength), plain, Magic);
        return plain;
    }

    public string ProtectText(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        return Enabled ? TextPrefix + Convert.ToBase64String(Protect(Encoding.UTF8.GetBytes(plain))) : plain;
    }

    public string UnprotectText(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Enabled && stored.StartsWith(TextPrefix, StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Unprotect(Convert.FromBase64String(stored[TextPrefix.Length..])))
            : stored;
    }

    public byte[]? ProtectOrNull(byte[]? plain) => plain is null ? null : Protect(plain);

    public byte[]? UnprotectOrNull(byte[]? stored) => stored is null ? null : Unprotect(stored);

    public string? ProtectTextOrNull(string? plain) => plain is null ? null : ProtectText(plain);

    public string? UnprotectTextOrNull(string? stored) => stored is null ? null : UnprotectText(stored);

    private byte[] KeyOrThrow() =>
        secrets.Keys?.MediaKey ?? throw new FieldLockedException(Ui.FieldMode_Locked);
}

/// <summary>The laptop's keys are not in memory (restarted since the officer last signed in).</summary>
public sealed class FieldLockedException(string message) : InvalidOperationException(message);
