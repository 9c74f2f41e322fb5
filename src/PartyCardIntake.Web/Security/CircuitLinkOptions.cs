namespace PartyCardIntake.Web.Security;

/// <summary>
/// Circuits on a commune's link; see docs/operations.md ("Weak links"). The defaults suit a station
/// whose link drops for seconds to minutes several times a day.
/// </summary>
public sealed class CircuitLinkOptions
{
    public const string Section = "Circuits";

    /// <summary>How often an open circuit checks that its sign-in session still stands.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the server keeps a circuit whose browser went away, with everything typed into it.</summary>
    public TimeSpan DisconnectedRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many such circuits one node keeps at most.</summary>
    public int MaxRetainedDisconnected { get; set; } = 500;

    /// <summary>
    /// How long a node keeps the persisted state of a circuit it let go (the retention passed, or too many were kept):
    /// the unsaved forms a browser gets back when it resumes (.NET 10 persisted circuit state).
    /// </summary>
    public TimeSpan PersistedRetention { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How many times the browser tries to reconnect before it offers a button.</summary>
    public int ReconnectAttempts { get; set; } = 300;

    /// <summary>Pause between reconnection attempts, after three quick ones.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Whether the circuit's WebSocket is compressed (permessage-deflate). It saves a weak link most of the bytes of a
    /// render, and costs each open circuit the compressor's memory on the server; see docs/benchmarks.md ("Circuits").
    /// </summary>
    public bool WebSocketCompression { get; set; } = true;
}
