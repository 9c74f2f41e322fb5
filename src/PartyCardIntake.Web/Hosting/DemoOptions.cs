namespace PartyCardIntake.Web.Hosting;

/// <summary>Section "Demo": a self-contained campaign with fixed sign-ins, for trying the product.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>Password of every demo account; a random one is generated and printed when empty.</summary>
    public string? Password { get; set; }

    public int Seed { get; set; } = PartyCardIntake.Core.Demo.DemoPopulationGenerator.DefaultSeed;
}
