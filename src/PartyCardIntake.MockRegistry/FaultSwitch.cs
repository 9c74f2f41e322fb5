namespace PartyCardIntake.MockRegistry;

/// <summary>The fault settings in force; changed at run time through the admin endpoint or by tests.</summary>
public sealed class FaultSwitch(RegistryFaults initial)
{
    private RegistryFaults _current = initial;
    private long _requests;

    public RegistryFaults Current => Volatile.Read(ref _current);

    /// <summary>Citizen requests received since start (or the last reset), including failed ones.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void Set(RegistryFaults faults) => Volatile.Write(ref _current, faults ?? new RegistryFaults());

    public void Reset()
    {
        Set(new RegistryFaults());
        Interlocked.Exchange(ref _requests, 0);
    }

    internal void Count() => Interlocked.Increment(ref _requests);
}
