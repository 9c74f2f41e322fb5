using System.Security.Cryptography;
using System.Text.Json;

namespace PartyCardIntake.Core.Field;

public enum FieldReceiptOutcome
{
    /// <summary>Saved as a new application.</summary>
    Added = 1,

    /// <summary>An earlier import of the same capture (same idempotency key) already saved it.</summary>
    AlreadyPresent = 2,

    /// <summary>The member was captured at the station meanwhile: the station kept its record and flagged this one for review.</summary>
    Flagged = 3,
}

public sealed record FieldReceiptItem(Guid IdempotencyKey, FieldReceiptOutcome Outcome);

/// <summary>
/// The station's answer to an imported package: which captures it now holds. The laptop wipes exactly these and
/// nothing else, so a capture made after the package was exported stays until the next one.
/// </summary>
public sealed record FieldReceipt(int Format, Guid KitId, string CommuneCode, string PackageSha256, DateTimeOffset ReceivedAt, IReadOnlyList<FieldReceiptItem> Items);

/// <summary>A receipt as a file: its JSON and the station's ECDSA P-256 signature over those exact bytes.</summary>
public static class FieldReceiptFile
{
    public const long MaxBytes = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Signed(byte[] Receipt, byte[] Signature);

    public static byte[] Sign(FieldReceipt receipt, ECDsa stationKey)
    {
        ArgumentNullException.ThrowIfNull(stationKey);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(receipt, Json);
        var signature = stationKey.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return JsonSerializer.SerializeToUtf8Bytes(new Signed(bytes, signature), Json);
    }

    public static FieldReceipt Verify(ReadOnlySpan<byte> file, ECDsa stationPublicKey)
    {
        ArgumentNullException.ThrowIfNull(stationPublicKey);
        if (file.Length > MaxBytes)
        {
            throw new FieldFileException(FieldFileError.TooLarge, "receipt");
        }

        Signed? signed;
        try
        {
            signed = JsonSerializer.Deserialize<Signed>(file, Json);
        }
        catch (JsonException e)
        {
            throw new FieldFileException(FieldFileError.NotThisKind, e.Message);
        }

        if (signed?.Receipt is not { Length: > 0 } || signed.Signature is not { Length: > 0 })
        {
            throw new FieldFileException(FieldFileError.NotThisKind, "not a receipt");
        }

        if (!stationPublicKey.VerifyData(signed.Receipt, signed.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new FieldFileException(FieldFileError.SignatureInvalid, "receipt signature");
        }

        return JsonSerializer.Deserialize<FieldReceipt>(signed.Receipt, Json) is { Format: 1 } receipt
            ? receipt
            : throw new FieldFileException(FieldFileError.Malformed, "receipt");
    }
}
