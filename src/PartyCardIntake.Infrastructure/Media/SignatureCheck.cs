using System.Diagnostics.CodeAnalysis;

namespace PartyCardIntake.Infrastructure.Media;

/// <summary>The outcome of <see cref="SignatureValidator.Validate"/>.</summary>
public sealed class SignatureCheck
{
    private SignatureCheck(bool isValid, byte[]? png, string? strokesJson, int width, int height, string? sha256, SignatureError? error, string? detail)
    {
        IsValid = isValid;
        Png = png;
        StrokesJson = strokesJson;
        Width = width;
        Height = height;
        Sha256 = sha256;
        Error = error;
        Detail = detail;
    }

    [MemberNotNullWhen(true, nameof(Png), nameof(StrokesJson), nameof(Sha256))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Detail))]
    public bool IsValid { get; }

    /// <summary>The image as it is to be stored: the received PNG without text, time or other ancillary chunks.</summary>
    public byte[]? Png { get; }

    /// <summary>The strokes re-written with only signature_pad's own properties, ready for fromData().</summary>
    public string? StrokesJson { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>SHA-256 of <see cref="Png"/>, lower-case hex.</summary>
    public string? Sha256 { get; }

    public SignatureError? Error { get; }

    /// <summary>Technical detail for the log; not meant for the officer.</summary>
    public string? Detail { get; }

    internal static SignatureCheck Valid(byte[] png, string strokesJson, int width, int height, string sha256) =>
        new(true, png, strokesJson, width, height, sha256, null, null);

    internal static SignatureCheck Invalid(SignatureError error, string detail, int width = 0, int height = 0) =>
        new(false, null, null, width, height, null, error, detail);

    public override string ToString() =>
        IsValid ? $"valid {Width}x{Height} {Png.Length} bytes" : $"{Error}: {Detail}";
}
