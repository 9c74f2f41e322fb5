using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Desks;

/// <summary>How the server answered one press of "save".</summary>
public enum DeskAnswer
{
    /// <summary>200: saved (or the same capture saved before: <see cref="DeskAttempt.Repeat"/>).</summary>
    Saved,

    /// <summary>503 with the "database temporarily unavailable, try again" problem details.</summary>
    DatabaseUnavailable,

    /// <summary>409: the member already has an application (another capture, another desk).</summary>
    AlreadySubmitted,

    /// <summary>Anything else: a status or body the desk has no good message for.</summary>
    Other,

    /// <summary>No HTTP answer at all (connection refused or reset, timeout).</summary>
    NoAnswer,
}

public sealed record DeskAttempt(int Desk, int MemberId, Guid Key, DeskAnswer Answer, int Status, string Message, Guid? ApplicationId, bool Repeat, TimeSpan At, TimeSpan Took);

/// <summary>
/// One officer's desk as the reliability tests drive it: a signed-in browser with a station chosen, which
/// captures members one after another with the page's script behaviour — one idempotency key per capture,
/// and after a failed save the message is shown and "save" pressed again a moment later with the same key.
/// </summary>
public sealed class SimulatedDesk : IDisposable
{
    public const string DatabaseUnavailableText = "Máy chủ cơ sở dữ liệu tạm thời không truy cập được";

    private static readonly byte[] Photo = DeskClient.Fixture("photo-600x800.jpg");
    private static readonly byte[] Signature = DeskClient.Fixture("signature-600x200.png");
    private static readonly string Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    private readonly HttpClient _client;
    private readonly Stopwatch _clock;
    private readonly List<DeskAttempt> _attempts = [];
    private string _token = string.Empty;

    private SimulatedDesk(int number, HttpClient client, Stopwatch clock)
    {
        Number = number;
        _client = client;
        _clock = clock;
    }

    public int Number { get; }

    /// <summary>Every press of "save", in order.</summary>
    public IReadOnlyList<DeskAttempt> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Signs in, chooses the first station and keeps the desk page's token, as at the start of a day.</summary>
    public static async Task<SimulatedDesk> OpenAsync(Uri address, int number, Stopwatch clock, string userName = DemoAccounts.Officer)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(90) };
        try
        {
            await SignInClient.SignInAsync(client, userName);
            await DeskClient.ChooseStationAsync(client);
            var desk = new SimulatedDesk(number, client, clock) { _token = await DeskClient.TokenAsync(client) };
            return desk;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>One press of "save" for <paramref name="memberId"/> with <paramref name="key"/>.</summary>
    public async Task<DeskAttempt> SubmitAsync(int memberId, Guid key, CancellationToken cancellationToken = default)
    {
        var started = _clock.Elapsed;
        DeskAttempt attempt;
        try
        {
            using var response = await DeskClient.SubmitAsync(_client, memberId, key, Photo, Signature, Strokes, _token).WaitAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            attempt = Classify(memberId, key, response.StatusCode, body, started);
        }
        catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            attempt = new DeskAttempt(Number, memberId, key, DeskAnswer.NoAnswer, 0, e.GetType().Name + ": " + e.Message, null, false, started, _clock.Elapsed - started);
        }

        lock (_attempts)
        {
            _attempts.Add(attempt);
        }

        return attempt;
    }

    /// <summary>
    /// Captures a member: presses "save" with one key until the server saves it, or refuses it for a reason
    /// of its own, or <paramref name="giveUpAfter"/> has passed. Waits <paramref name="retryDelay"/> after a
    /// failure, as an officer reading the message would.
    /// </summary>
    public async Task<DeskAttempt> CaptureAsync(int memberId, TimeSpan retryDelay, TimeSpan giveUpAfter, CancellationToken cancellationToken = default)
    {
        var key = Guid.NewGuid();
        var deadline = _clock.Elapsed + giveUpAfter;
        while (true)
        {
            var attempt = await SubmitAsync(memberId, key, cancellationToken);
            if (attempt.Answer is DeskAnswer.Saved or DeskAnswer.AlreadySubmitted or DeskAnswer.Other || _clock.Elapsed > deadline)
            {
                return attempt;
            }

            await Task.Delay(retryDelay, cancellationToken);
        }
    }

    /// <summary>A GET as the officer's browser would send it, for a page during a fault.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    public void Dispose() => _client.Dispose();

    private DeskAttempt Classify(int memberId, Guid key, HttpStatusCode status, string body, TimeSpan started)
    {
        var took = _clock.Elapsed - started;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var isJson = false;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                isJson = true;
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
        }

        var message = isJson
            ? fields.GetValueOrDefault("detail") is { Length: > 0 } detail ? detail : fields.GetValueOrDefault("message", string.Empty)
            : body[..Math.Min(body.Length, 300)];
        var answer = (status, isJson) switch
        {
            (HttpStatusCode.OK, true) => DeskAnswer.Saved,
            (HttpStatusCode.ServiceUnavailable, true) when message.Contains(DatabaseUnavailableText, StringComparison.Ordinal) => DeskAnswer.DatabaseUnavailable,
            (HttpStatusCode.Conflict, true) when message.Contains("đã có hồ sơ", StringComparison.Ordinal) => DeskAnswer.AlreadySubmitted,
            _ => DeskAnswer.Other,
        };
        Guid? applicationId = answer == DeskAnswer.Saved && Guid.TryParse(fields.GetValueOrDefault("applicationId"), out var id) ? id : null;
        var repeat = answer == DeskAnswer.Saved && fields.GetValueOrDefault("duplicate") == "true";
        return new DeskAttempt(Number, memberId, key, answer, (int)status, message, applicationId, repeat, started, took);
    }
}
