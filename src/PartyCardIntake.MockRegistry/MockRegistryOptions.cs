namespace PartyCardIntake.MockRegistry;

/// <summary>Section "MockRegistry".</summary>
public sealed class MockRegistryOptions
{
    public const string Section = "MockRegistry";

    /// <summary>Seed of the synthetic population; the demo members use the same one.</summary>
    public int Seed { get; set; } = Core.Demo.DemoPopulationGenerator.DefaultSeed;

    /// <summary>Share of citizens whose record differs from the party record (0–1), spread over the discrepancy kinds.</summary>
    public double DiscrepancyShare { get; set; } = 0.18;

    public RegistryFaults Faults { get; set; } = new();
}

/// <summary>Switches that make the mock misbehave like a congested or failing registry.</summary>
public sealed record RegistryFaults
{
    /// <summary>Added to every answer.</summary>
    public int LatencyMilliseconds { get; init; }

    /// <summary>Share of requests answered with <see cref="ErrorStatus"/>.</summary>
    public double ErrorRate { get; init; }

    /// <summary>500 or 503.</summary>
    public int ErrorStatus { get; init; } = 503;

    /// <summary>Share of requests answered 429 with a Retry-After header.</summary>
    public double ThrottleRate { get; init; }

    public int RetryAfterSeconds { get; init; } = 2;

    /// <summary>Total outage: connections are dropped without an answer.</summary>
    public bool Outage { get; init; }

    /// <summary>Share of requests that answer only after <see cref="SlowMilliseconds"/> (beyond the adapter's timeout).</summary>
    public double SlowRate { get; init; }

    public int SlowMilliseconds { get; init; } = 15_000;
}
