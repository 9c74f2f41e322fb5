using System.Collections.Concurrent;

namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>One capture as a desk sent it: the key, the member, what the server must keep, and how it ended.</summary>
internal sealed class Submission
{
    public required int Serial { get; init; }

    public required Guid Key { get; init; }

    public required int MemberId { get; init; }

    public required int CommuneId { get; init; }

    public required string Desk { get; init; }

    public required string PhotoSha256 { get; init; }

    public required string SignatureSha256 { get; init; }

    /// <summary>The bytes to send again after a failure; dropped once acknowledged.</summary>
    public byte[]? Photo { get; set; }

    /// <summary>The antiforgery token of the member's page, kept for retries as an open desk page keeps it.</summary>
    public string? Token { get; set; }

    public int Attempts { get; set; }

    /// <summary>Attempts that ended without an answer (connection refused or reset, timeout) or with a 5xx.</summary>
    public int FailedAttempts { get; set; }

    public Guid? ApplicationId { get; set; }

    /// <summary>The acknowledgement said "already saved": the kill came after the commit but before the answer.</summary>
    public bool AnsweredAsRepeat { get; set; }

    public bool Acknowledged => ApplicationId is not null;

    /// <summary>The stored photo and signature bytes were read back and hashed at least once after the acknowledgement.</summary>
    public bool BytesVerified { get; set; }

    /// <summary>Cancelled by the harness while the node was down, to give its member back to the desks.</summary>
    public bool Recycled { get; set; }

    /// <summary>A refusal that no crash explains (the run reports it as a violation).</summary>
    public string? Refusal { get; set; }
}

/// <summary>Every submission of a run, shared by the desks (writers) and the checks (readers, while the desks wait).</summary>
internal sealed class Ledger
{
    private readonly ConcurrentDictionary<Guid, Submission> _sent = new();
    private int _serial;

    public int NextSerial() => Interlocked.Increment(ref _serial);

    public void Add(Submission submission) => _sent[submission.Key] = submission;

    public IReadOnlyList<Submission> All => [.. _sent.Values.OrderBy(s => s.Serial)];

    public IReadOnlyList<Submission> Acknowledged => [.. _sent.Values.Where(s => s.Acknowledged).OrderBy(s => s.Serial)];

    public bool WasSent(Guid key) => _sent.ContainsKey(key);
}
