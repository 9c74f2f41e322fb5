using System.Security.Cryptography;
using System.Text.Json;
using PartyCardIntake.Core.Field;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>The laptop's keys, unwrapped with the officer's password.</summary>
public sealed record FieldKeys(byte[] MediaKey, byte[] PackageSigningKey, byte[] ReturnKey);

/// <summary>
/// The unwrapped keys, in memory only: a restart (or a stolen laptop switched off) needs the officer's password again.
/// Kept across sign-outs because other tabs of the same officer may still be capturing.
/// </summary>
public sealed class FieldSecrets
{
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private volatile FieldKeys? _keys;

    public FieldKeys? Keys => _keys;

    public bool IsUnlocked => _keys is not null;

    public void Hold(FieldKeys keys) => _keys = keys;

    public void Forget() => _keys = null;

    /// <summary>nonce | ciphertext | tag of the keys' JSON under Argon2id(password).</summary>
    public static byte[] Wrap(FieldKeys keys, string password, KdfParameters kdf)
    {
        var key = FieldKeyDerivation.Derive(password, kdf);
        var plain = JsonSerializer.SerializeToUtf8Bytes(keys, Json);
        try
        {
            var wrapped = new byte[NonceLength + plain.Length + TagLength];
            var nonce = wrapped.AsSpan(0, NonceLength);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key, TagLength);
            aes.Encrypt(nonce, plain, wrapped.AsSpan(NonceLength, plain.Length), wrapped.AsSpan(NonceLength + plain.Length));
            return wrapped;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The keys, or null when the password is not the one they were wrapped under.</summary>
    public static FieldKeys? Unwrap(byte[] wrapped, string password, KdfParameters kdf)
    {
        if (wrapped.Length < NonceLength + TagLength)
        {
            return null;
        }

        var key = FieldKeyDerivation.Derive(password, kdf);
        var plain = new byte[wrapped.Length - NonceLength - TagLength];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(wrapped.AsSpan(0, NonceLength), wrapped.AsSpan(NonceLength, plain.Length), wrapped.AsSpan(NonceLength + plain.Length), plain);
            return JsonSerializer.Deserialize<FieldKeys>(plain, Json);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public static string KdfJson(KdfParameters kdf) => JsonSerializer.Serialize(kdf, Json);

    public static KdfParameters ReadKdf(string json) =>
        JsonSerializer.Deserialize<KdfParameters>(json, Json) ?? throw new InvalidOperationException("The laptop's key parameters are empty.");
}
