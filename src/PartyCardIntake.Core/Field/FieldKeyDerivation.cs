using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace PartyCardIntake.Core.Field;

/// <summary>
/// Argon2id parameters of one derived key, carried in the header of the file it opens. Memory-hard, so that guessing
/// a kit's passphrase on a lost laptop costs tens of megabytes and a noticeable time per guess.
/// </summary>
public sealed record KdfParameters(int MemoryKiB, int Iterations, int Parallelism, byte[] Salt)
{
    public const string Algorithm = "argon2id";

    /// <summary>64 MiB, 3 passes: about a second on a station laptop, once per kit import or field sign-in.</summary>
    public static KdfParameters NewDefault() => new(64 * 1024, 3, 1, RandomNumberGenerator.GetBytes(16));

    /// <summary>Bounds for parameters read from a file, so a crafted header cannot ask for gigabytes.</summary>
    public bool IsReasonable =>
        MemoryKiB is >= 1024 and <= 1024 * 1024 && Iterations is >= 1 and <= 10 && Parallelism is >= 1 and <= 8 && Salt is { Length: >= 16 and <= 64 };
}

public static class FieldKeyDerivation
{
    /// <summary>32 bytes for AES-256-GCM from what a person typed; see <see cref="FieldPassphrase.Normalize"/>.</summary>
    public static byte[] Derive(string secret, KdfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.IsReasonable)
        {
            throw new FieldFileException(FieldFileError.Malformed, "key derivation parameters out of bounds");
        }

        using var argon = new Argon2id(Encoding.UTF8.GetBytes(secret))
        {
            Salt = parameters.Salt,
            MemorySize = parameters.MemoryKiB,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Parallelism,
        };
        return argon.GetBytes(32);
    }
}
