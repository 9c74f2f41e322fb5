namespace PartyCardIntake.Core.Field;

/// <summary>Settings of field kits, on the station and on a visiting laptop (section <c>Field</c>).</summary>
public sealed class FieldOptions
{
    public const string Section = "Field";

    /// <summary>True on a visiting laptop: its own SQLite file, no registry, no demo, only the kit's members.</summary>
    public bool Enabled { get; set; }

    /// <summary>Argon2id memory for new kits and for wrapping a laptop's keys under the officer's password.</summary>
    public int KdfMemoryKiB { get; set; } = 64 * 1024;

    public int KdfIterations { get; set; } = 3;

    /// <summary>The longest date range one kit may cover.</summary>
    public int MaxKitDays { get; set; } = 14;

    /// <summary>How long after a kit expires the station still takes its package (captures made after expiry never are).</summary>
    public int ReturnDays { get; set; } = 30;

    public long MaxKitBytes { get; set; } = 64L * 1024 * 1024;

    public long MaxPackageBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>On a laptop: fingerprints of the station keys whose kits it accepts (empty: any, the fingerprint is shown to compare).</summary>
    public List<string> TrustedStationKeys { get; set; } = [];

    public KdfParameters NewKdf() => KdfParameters.NewDefault() with { MemoryKiB = KdfMemoryKiB, Iterations = KdfIterations };
}
