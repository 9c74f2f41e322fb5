using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>Members without an application, per commune, handed to the desks one at a time.</summary>
internal sealed class MemberPool
{
    private readonly ConcurrentDictionary<int, ConcurrentQueue<int>> _free = new();

    public void Add(int communeId, IEnumerable<int> memberIds)
    {
        var queue = _free.GetOrAdd(communeId, _ => new ConcurrentQueue<int>());
        foreach (var id in memberIds)
        {
            queue.Enqueue(id);
        }
    }

    public bool TryTake(int communeId, out int memberId)
    {
        memberId = 0;
        return _free.TryGetValue(communeId, out var queue) && queue.TryDequeue(out memberId);
    }

    public int Count(int communeId) => _free.TryGetValue(communeId, out var queue) ? queue.Count : 0;
}

/// <summary>What the desks share with the harness: the gate, the ledger, the counters and the list of violations.</summary>
internal sealed class DeskFloor(CaptureFixtures fixtures)
{
    private int _inFlight;
    private int _serverErrors;

    public CaptureFixtures Fixtures { get; } = fixtures;

    public DeskGate Gate { get; } = new();

    public Ledger Ledger { get; } = new();

    public MemberPool Pool { get; } = new();

    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Set after the last restart: desks finish what they have started (retries included), then stop.</summary>
    public volatile bool Draining;

    /// <summary>Desk requests under way (page reads and submissions), read at the moment of a kill.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>5xx answers, which are retried like a cut connection.</summary>
    public int ServerErrors => Volatile.Read(ref _serverErrors);

    public int PoolWaits;

    /// <summary>Answers of any kind the desks received, to tell when a restarted node has served its first request.</summary>
    public int Answers;

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    public void ServerError() => Interlocked.Increment(ref _serverErrors);
}

/// <summary>
/// One signed-in desk that submits captures back to back, each for another member with a fresh idempotency key,
/// and retries a capture whose answer was lost with the same key and the same page token, as the desk page does
/// when the officer presses "save" again after the network error message.
/// </summary>
internal sealed class DeskWorker(string userName, int communeId, HttpClient client, DeskFloor floor)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    public string UserName { get; } = userName;

    public int CommuneId { get; } = communeId;

    public int Acknowledged { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        Submission? pending = null;
        while (!stop.IsCancellationRequested)
        {
            await floor.Gate.PassAsync(stop);
            if (pending is null)
            {
                if (floor.Draining)
                {
                    return;
                }

                if (!floor.Pool.TryTake(CommuneId, out var memberId))
                {
                    // The harness gives members back while the node is down; until then this desk has no one to serve.
                    Interlocked.Increment(ref floor.PoolWaits);
                    await Task.Delay(200, stop);
                    continue;
                }

                pending = New(memberId);
            }

            switch (await AttemptAsync(pending, stop))
            {
                case Outcome.Acknowledged:
                    Acknowledged++;
                    pending = null;
                    break;
                case Outcome.Refused:
                    pending = null;
                    break;
                default:
                    await Task.Delay(RetryPause, stop);
                    break;
            }
        }
    }

    private Submission New(int memberId)
    {
        var serial = floor.Ledger.NextSerial();
        var (photo, sha) = floor.Fixtures.Photo(serial);
        var submission = new Submission
        {
            Serial = serial,
            Key = Guid.NewGuid(),
            MemberId = memberId,
            CommuneId = CommuneId,
            Desk = UserName,
            Photo = photo,
            PhotoSha256 = sha,
            SignatureSha256 = floor.Fixtures.SignatureSha256,
        };
        floor.Ledger.Add(submission);
        return submission;
    }

    private async Task<Outcome> AttemptAsync(Submission submission, CancellationToken stop)
    {
        var posted = false;
        floor.Enter();
        try
        {
            if (submission.Token is null)
            {
                // The member's desk page, as the officer opens it (its prerender); the capture is then posted with the
                // user's form token, which the desk's static station page carries (the desk itself runs in a circuit).
                using var page = await client.GetAsync($"/desk/members/{submission.MemberId}", stop);
                if ((int)page.StatusCode >= 500)
                {
                    floor.ServerError();
                    return Outcome.Retry;
                }

                if (page.StatusCode != HttpStatusCode.OK)
                {
                    return Refuse(submission, $"the member page answered {(int)page.StatusCode} {page.Headers.Location}");
                }

                using var station = await client.GetAsync("/desk/station", stop);
                if ((int)station.StatusCode >= 500)
                {
                    floor.ServerError();
                    return Outcome.Retry;
                }

                var html = await station.Content.ReadAsStringAsync(stop);
                if (!html.Contains("__RequestVerificationToken", StringComparison.Ordinal))
                {
                    return Refuse(submission, "the desk's station page has no form token");
                }

                submission.Token = SignInClient.AntiforgeryToken(html);
            }

            submission.Attempts++;
            posted = true;
            using var response = await DeskClient.SubmitAsync(
                client, submission.MemberId, submission.Key, submission.Photo, floor.Fixtures.Signature, floor.Fixtures.Strokes, submission.Token);
            var body = await response.Content.ReadAsStringAsync(stop);
            Interlocked.Increment(ref floor.Answers);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var answer = JsonDocument.Parse(body);
                submission.ApplicationId = answer.RootElement.GetProperty("applicationId").GetGuid();
                submission.AnsweredAsRepeat = answer.RootElement.GetProperty("duplicate").GetBoolean();
                submission.Photo = null;
                if (submission.AnsweredAsRepeat && submission.Attempts == 1)
                {
                    floor.Violations.Enqueue($"{UserName}: the first attempt of {submission.Key} was answered as a repeat");
                }

                return Outcome.Acknowledged;
            }

            if ((int)response.StatusCode >= 500)
            {
                submission.FailedAttempts++;
                floor.ServerError();
                return Outcome.Retry;
            }

            return Refuse(submission, $"{(int)response.StatusCode} {response.Headers.Location} {Shorten(body)}");
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is HttpRequestException or IOException or TaskCanceledException)
        {
            // Connection refused or cut by the kill: the answer, if any, is lost; the page stays open and is sent again.
            if (posted)
            {
                submission.FailedAttempts++;
            }

            return Outcome.Retry;
        }
        finally
        {
            floor.Leave();
        }
    }

    private Outcome Refuse(Submission submission, string why)
    {
        // Every desk serves members without an application, once: no refusal is expected, whatever was killed when.
        submission.Refusal = why;
        submission.Photo = null;
        floor.Violations.Enqueue($"{UserName}: submission {submission.Serial} (key {submission.Key}, member {submission.MemberId}, attempt {submission.Attempts}) was refused: {why}");
        return Outcome.Refused;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private enum Outcome
    {
        Acknowledged,
        Retry,
        Refused,
    }
}
