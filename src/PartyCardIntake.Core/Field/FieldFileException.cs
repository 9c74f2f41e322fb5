namespace PartyCardIntake.Core.Field;

/// <summary>Why a kit, capture package or receipt was refused. Each maps to one message for the person who gave the file.</summary>
public enum FieldFileError
{
    /// <summary>Not a file of this kind (another file chosen, or a kit given where a package is expected).</summary>
    NotThisKind = 1,

    /// <summary>Shorter or longer than its own lengths say: cut off while copied.</summary>
    Truncated,

    /// <summary>Its header cannot be read.</summary>
    Malformed,

    /// <summary>Over the size allowed for its kind.</summary>
    TooLarge,

    /// <summary>The signature does not match: changed after it was made, or made with another key.</summary>
    SignatureInvalid,

    /// <summary>Cannot be decrypted: a wrong passphrase or key, or changed bytes that the signature did not cover.</summary>
    DecryptionFailed,

    /// <summary>A file inside does not have the size or checksum its manifest gives, or is not listed.</summary>
    ChecksumMismatch,
}

public sealed class FieldFileException(FieldFileError error, string detail) : Exception($"{error}: {detail}")
{
    public FieldFileError Error { get; } = error;
}
