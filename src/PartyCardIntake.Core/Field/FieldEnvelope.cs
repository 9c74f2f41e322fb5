using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PartyCardIntake.Core.Field;

public enum FieldFileKind
{
    /// <summary>Station → laptop: the members to visit, under the officer's passphrase, signed by the station.</summary>
    Kit = 1,

    /// <summary>Laptop → station: the captures, under the kit's return key, signed with the kit's package key.</summary>
    Package = 2,
}

/// <summary>
/// What the header of a kit or package says in clear: enough to find the key that opens it, nothing personal.
/// <see cref="SignerKey"/> is the signer's public key (SubjectPublicKeyInfo); a reader that already knows the key it
/// expects compares it before trusting the file.
/// </summary>
public sealed record FieldEnvelopeHeader(
    int Format,
    Guid KitId,
    string CommuneCode,
    DateTimeOffset CreatedAt,
    byte[] SignerKey,
    KdfParameters? Kdf = null);

/// <summary>
/// The file format shared by kits and capture packages (docs/home-visits.md):
/// <code>
/// magic (8) | header length (4, big-endian) | header (UTF-8 JSON) | nonce (12) | ciphertext length (8) | ciphertext | tag (16) | signature (64)
/// </code>
/// AES-256-GCM with the magic and header as associated data, so the header cannot be changed either; then ECDSA P-256
/// over SHA-256 of every byte before the signature. The signature is checked before anything is decrypted, and every
/// length must add up to the file's own, so a file cut short or extended is refused before any work.
/// </summary>
public static class FieldEnvelope
{
    public const int CurrentFormat = 1;
    private const int MagicLength = 8;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int SignatureLength = 64;
    private const int MaxHeaderLength = 16 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static ReadOnlySpan<byte> MagicOf(FieldFileKind kind) => kind switch
    {
        FieldFileKind.Kit => "PCIKIT\0\u0001"u8,
        FieldFileKind.Package => "PCIPKG\0\u0001"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static byte[] Seal(FieldFileKind kind, FieldEnvelopeHeader header, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> key, ECDsa signer)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(signer);
        var headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        if (headerBytes.Length > MaxHeaderLength)
        {
            throw new ArgumentException("header too long", nameof(header));
        }

        var magic = MagicOf(kind);
        var total = MagicLength + 4 + headerBytes.Length + NonceLength + 8 + plaintext.Length + TagLength + SignatureLength;
        var file = new byte[total];
        var at = 0;
        magic.CopyTo(file);
        at += MagicLength;
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at), (uint)headerBytes.Length);
        at += 4;
        headerBytes.CopyTo(file.AsSpan(at));
        at += headerBytes.Length;
        var associated = file.AsSpan(0, at).ToArray();
        var nonce = file.AsSpan(at, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        at += NonceLength;
        BinaryPrimitives.WriteUInt64BigEndian(file.AsSpan(at), (ulong)plaintext.Length);
        at += 8;
        using (var aes = new AesGcm(key, TagLength))
        {
            aes.Encrypt(nonce, plaintext, file.AsSpan(at, plaintext.Length), file.AsSpan(at + plaintext.Length, TagLength), associated);
        }

        at += plaintext.Length + TagLength;
        signer.SignData(file.AsSpan(0, at), file.AsSpan(at, SignatureLength), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return file;
    }

    /// <summary>
    /// The header, read without any key, to find the kit the file belongs to. Nothing in it is trusted until
    /// <see cref="Open"/> has checked the signature against a key the reader already holds.
    /// </summary>
    public static FieldEnvelopeHeader ReadHeader(ReadOnlySpan<byte> file, FieldFileKind kind, long maxBytes)
    {
        var layout = Layout.Of(file, kind, maxBytes);
        return layout.Header;
    }

    /// <summary>Checks the signature with <paramref name="verifier"/>, then decrypts. Throws <see cref="FieldFileException"/>.</summary>
    public static byte[] Open(ReadOnlySpan<byte> file, FieldFileKind kind, long maxBytes, ReadOnlySpan<byte> key, ECDsa verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var layout = Layout.Of(file, kind, maxBytes);
        var signed = file[..layout.SignatureAt];
        if (!verifier.VerifyData(signed, file[layout.SignatureAt..], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new FieldFileException(FieldFileError.SignatureInvalid, "signature does not match");
        }

        var plaintext = new byte[layout.CiphertextLength];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(
                file.Slice(layout.NonceAt, NonceLength),
                file.Slice(layout.CiphertextAt, layout.CiphertextLength),
                file.Slice(layout.CiphertextAt + layout.CiphertextLength, TagLength),
                plaintext,
                file[..layout.NonceAt]);
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new FieldFileException(FieldFileError.DecryptionFailed, "wrong key or changed ciphertext");
        }

        return plaintext;
    }

    /// <summary>Fingerprint of a public key as people compare it: the first 16 bytes of its SHA-256, hex in groups of four.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var hex = Convert.ToHexString(SHA256.HashData(subjectPublicKeyInfo).AsSpan(0, 16));
        return string.Join('-', Enumerable.Range(0, hex.Length / 4).Select(i => hex.Substring(i * 4, 4)));
    }

    private readonly record struct Layout(FieldEnvelopeHeader Header, int NonceAt, int CiphertextAt, int CiphertextLength, int SignatureAt)
    {
        public static Layout Of(ReadOnlySpan<byte> file, FieldFileKind kind, long maxBytes)
        {
            if (file.Length > maxBytes)
            {
                throw new FieldFileException(FieldFileError.TooLarge, $"{file.Length} bytes");
            }

            if (file.Length < MagicLength || !file[..MagicLength].SequenceEqual(MagicOf(kind)))
            {
                throw new FieldFileException(FieldFileError.NotThisKind, "magic");
            }

            if (file.Length < MagicLength + 4)
            {
                throw new FieldFileException(FieldFileError.Truncated, "header length");
            }

            var headerLength = BinaryPrimitives.ReadUInt32BigEndian(file[MagicLength..]);
            if (headerLength > MaxHeaderLength)
            {
                throw new FieldFileException(FieldFileError.Malformed, "header length");
            }

            var nonceAt = MagicLength + 4 + (int)headerLength;
            if (file.Length < nonceAt + NonceLength + 8)
            {
                throw new FieldFileException(FieldFileError.Truncated, "header");
            }

            FieldEnvelopeHeader? header;
            try
            {
                header = JsonSerializer.Deserialize<FieldEnvelopeHeader>(file.Slice(MagicLength + 4, (int)headerLength), Json);
            }
            catch (JsonException)
            {
                header = null;
            }

            if (header is null || header.Format != CurrentFormat || header.SignerKey is not { Length: > 0 } || string.IsNullOrEmpty(header.CommuneCode))
            {
                throw new FieldFileException(FieldFileError.Malformed, "header");
            }

            var ciphertextLength = BinaryPrimitives.ReadUInt64BigEndian(file[(nonceAt + NonceLength)..]);
            var ciphertextAt = nonceAt + NonceLength + 8;
            var expected = (ulong)ciphertextAt + ciphertextLength + TagLength + SignatureLength;
            if (expected != (ulong)file.Length)
            {
                throw new FieldFileException(FieldFileError.Truncated, $"{file.Length} bytes where the lengths say {expected}");
            }

            return new Layout(header, nonceAt, ciphertextAt, (int)ciphertextLength, file.Length - SignatureLength);
        }
    }
}
