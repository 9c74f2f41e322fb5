using System.Diagnostics.CodeAnalysis;

namespace PartyCardIntake.Infrastructure.Media;

/// <summary>The outcome of <see cref="PhotoValidator.Validate(ReadOnlySpan{byte}, PhotoRules)"/>.</summary>
public sealed class PhotoCheck
{
    private PhotoCheck(bool isValid, byte[]? jpeg, int width, int height, string? sha256, PhotoError? error, string? detail)
    {
        IsValid = isValid;
        Jpeg = jpeg;
        Width = width;
        Height = height;
        Sha256 = sha256;
        Error = error;
        Detail = detail;
    }

    [MemberNotNullWhen(true, nameof(Jpeg), nameof(Sha256))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Detail))]
    public bool IsValid { get; }

    /// <summary>The photo as it is to be stored: the received JPEG without metadata segments.</summary>
    public byte[]? Jpeg { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>SHA-256 of <see cref="Jpeg"/>, lower-case hex.</summary>
    public string? Sha256 { get; }

    public PhotoError? Error { get; }

    /// <summary>Technical detail for the log; not meant for the officer.</summary>
    public string? Detail { get; }

    internal static PhotoCheck Valid(byte[] jpeg, int width, int height, string sha256) =>
        new(true, jpeg, width, height, sha256, null, null);

    internal static PhotoCheck Invalid(PhotoError error, string detail, int width = 0, int height = 0) =>
        new(false, null, width, height, null, error, detail);

    public override string ToString() =>
        IsValid ? $"valid {Width}x{Height} {Jpeg.Length} bytes" : $"{Error}: {Detail}";
}
