namespace PartyCardIntake.Core.Identity;

/// <summary>
/// A signed-in browser session. The cookie carries only <see cref="Id"/>, so deleting the row
/// ends the session at once, on every node.
/// </summary>
public class UserSession
{
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public required byte[] Ticket { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime LastSeenAt { get; set; }
}
