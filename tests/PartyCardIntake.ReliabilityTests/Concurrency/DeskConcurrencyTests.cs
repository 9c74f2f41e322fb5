using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.ReliabilityTests.Desks;
using PartyCardIntake.Tests.Shared;
using Xunit.Abstractions;

namespace PartyCardIntake.ReliabilityTests.Concurrency;

/// <summary>
/// Many desks saving at once on one node (a real process, real HTTP): every capture becomes exactly one
/// application, and captures racing for one member give one application and the normal answers. The test
/// command runs 16 desks × 40 captures; <see cref="PerDeskVariable"/> sets the full 500 (tests/concurrency-full.sh).
/// </summary>
public abstract class DeskConcurrencyTests(DeskNode node, ITestOutputHelper output)
{
    public const string PerDeskVariable = "PARTYCARD_CONCURRENCY_PER_DESK";
    private const int Desks = 16;

    private static int PerDesk =>
        int.TryParse(Environment.GetEnvironmentVariable(PerDeskVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 40;

    [Fact]
    public async Task Sixteen_desks_saving_at_once_give_exactly_one_application_per_capture()
    {
        var perDesk = PerDesk;
        var members = await DeskMembers.AddCellAsync(node.Database, Desks * perDesk);
        var clock = Stopwatch.StartNew();
        var desks = new List<SimulatedDesk>();
        try
        {
            for (var i = 0; i < Desks; i++)
            {
                desks.Add(await SimulatedDesk.OpenAsync(node.Node.Address, i, clock));
            }

            var started = clock.Elapsed;
            await Task.WhenAll(desks.Select(desk => Task.Run(async () =>
            {
                foreach (var memberId in members.Skip(desk.Number * perDesk).Take(perDesk))
                {
                    await desk.CaptureAsync(memberId, retryDelay: TimeSpan.FromMilliseconds(500), giveUpAfter: TimeSpan.FromSeconds(60));
                }
            })));
            var wall = clock.Elapsed - started;

            var attempts = desks.SelectMany(d => d.Attempts).ToList();
            var saves = attempts.Where(a => a.Answer == DeskAnswer.Saved).ToList();
            var took = saves.Select(a => a.Took.TotalMilliseconds).Order().ToList();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{node.Database.Provider}: {Desks} desks × {perDesk} = {saves.Count} saved in {wall.TotalSeconds:0.0} s ({saves.Count / wall.TotalSeconds:0} saves/s); " +
                $"per save p50 {Percentile(took, 0.50):0} ms, p95 {Percentile(took, 0.95):0} ms, max {took[^1]:0} ms; presses {attempts.Count}, " +
                $"refused {attempts.Count(a => a.Answer != DeskAnswer.Saved)}; node memory {node.Node.ResidentBytes() / (1024 * 1024)} MB"));

            attempts.Where(a => a.Answer != DeskAnswer.Saved).Should().BeEmpty("no capture is refused or fails when desks only compete with each other");
            saves.Should().HaveCount(Desks * perDesk);
            saves.Should().OnlyContain(a => !a.Repeat && a.ApplicationId != null);
            saves.Select(a => a.ApplicationId).Should().OnlyHaveUniqueItems();

            await using var db = node.Database.CreateContext(DataScope.System);
            var stored = await db.Applications.AsNoTracking()
                .Where(a => members.Contains(a.MemberId))
                .Select(a => new { a.Id, a.MemberId, a.IdempotencyKey, Photo = a.Capture!.Photo.Length, Signature = a.Capture.Signature.Length })
                .ToListAsync();
            stored.Should().HaveCount(Desks * perDesk, "exactly one application per capture");
            stored.Select(a => a.MemberId).Should().OnlyHaveUniqueItems();
            // Sorted and compared in order: an unordered equivalence of 8,000 items takes FluentAssertions minutes.
            stored.Select(a => a.Id).Order().Should().Equal(saves.Select(a => a.ApplicationId!.Value).Order());
            stored.Should().OnlyContain(a => a.Photo > 0 && a.Signature > 0);
            var counts = await ProgressCounts.ReadAsync(node.Database);
            counts.Stored.Should().BeEquivalentTo(counts.Recounted, "no increment of the progress counts was lost");
        }
        finally
        {
            desks.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public async Task Ten_identical_submissions_at_once_give_one_application_and_nine_answers_that_it_is_saved()
    {
        var memberId = (await DeskMembers.FreeAsync(node.Database, 1))[0];
        var clock = Stopwatch.StartNew();
        using var desk = await SimulatedDesk.OpenAsync(node.Node.Address, 0, clock);
        var key = Guid.NewGuid();

        // A double click, a retry after a lost answer, a second tab: the same capture, sent ten times at once.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => desk.SubmitAsync(memberId, key))));

        answers.Should().OnlyContain(a => a.Answer == DeskAnswer.Saved, "a repeat of a saved capture is answered as saved, and the desk moves on");
        answers.Count(a => !a.Repeat).Should().Be(1);
        answers.Count(a => a.Repeat).Should().Be(9);
        answers.Select(a => a.ApplicationId).Distinct().Should().ContainSingle();

        await using var db = node.Database.CreateContext(DataScope.System);
        (await db.Applications.CountAsync(a => a.MemberId == memberId)).Should().Be(1);
        (await db.ApplicationCaptures.CountAsync(c => c.Application!.MemberId == memberId)).Should().Be(1);
    }

    [Fact]
    public async Task Ten_desks_capturing_one_member_at_once_give_one_application_and_nine_clear_refusals()
    {
        var memberId = (await DeskMembers.FreeAsync(node.Database, 1))[0];
        var clock = Stopwatch.StartNew();
        var desks = new List<SimulatedDesk>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                desks.Add(await SimulatedDesk.OpenAsync(node.Node.Address, i, clock));
            }

            // Ten captures of one member, each with a key of its own: only the active-application rule stops them.
            var answers = await Task.WhenAll(desks.Select(d => Task.Run(() => d.SubmitAsync(memberId, Guid.NewGuid()))));

            answers.Count(a => a.Answer == DeskAnswer.Saved).Should().Be(1);
            answers.Where(a => a.Answer != DeskAnswer.Saved).Should().HaveCount(9)
                .And.OnlyContain(a => a.Answer == DeskAnswer.AlreadySubmitted && a.Status == 409 && a.Message.Contains("Không lưu thêm hồ sơ mới", StringComparison.Ordinal));

            await using var db = node.Database.CreateContext(DataScope.System);
            (await db.Applications.CountAsync(a => a.MemberId == memberId)).Should().Be(1);
            (await db.Applications.Where(a => a.MemberId == memberId).Select(a => a.Id).SingleAsync())
                .Should().Be(answers.Single(a => a.Answer == DeskAnswer.Saved).ApplicationId!.Value);
        }
        finally
        {
            desks.ForEach(d => d.Dispose());
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public sealed class OnSqlite(SqliteDeskNode node, ITestOutputHelper output) : DeskConcurrencyTests(node, output), IClassFixture<SqliteDeskNode>;

    public sealed class OnPostgreSql(PostgreSqlDeskNode node, ITestOutputHelper output) : DeskConcurrencyTests(node, output), IClassFixture<PostgreSqlDeskNode>;
}

/// <summary>One demo node on a database of its own, shared by the tests of one provider.</summary>
public abstract class DeskNode(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; } = TestDatabase.Create(provider);

    public AppProcess Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = new AppProcess(AppProcess.DemoSettings(Database), name: $"desks-{provider}");
        await Node.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteDeskNode() : DeskNode(DatabaseProvider.Sqlite);

public sealed class PostgreSqlDeskNode() : DeskNode(DatabaseProvider.PostgreSql);
