using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>
/// The database leases that keep background work to one web node at a time: each test races holders (each one
/// a node) for a lease of its own name on a shared database.
/// </summary>
public abstract class WorkerLeaseTests(LeaseDatabase database)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Two_holders_racing_for_a_new_lease_give_exactly_one_winner()
    {
        var name = NewName();
        var (a, b) = (Node(), Node());

        var won = await Task.WhenAll(a.TryAcquireAsync(name, a.Holder, Minute), b.TryAcquireAsync(name, b.Holder, Minute));

        won.Count(w => w).Should().Be(1);
        var lease = await LeaseAsync(name);
        lease.Holder.Should().Be(won[0] ? a.Holder : b.Holder);
        lease.Rounds.Should().Be(1);
        lease.ExpiresAt.Should().Be(_clock.GetUtcNow().UtcDateTime + Minute);
    }

    [Fact]
    public async Task Two_holders_racing_for_an_expired_lease_give_exactly_one_winner()
    {
        var name = NewName();
        var (a, b, c) = (Node(), Node(), Node());
        (await c.TryAcquireAsync(name, c.Holder, Minute)).Should().BeTrue();
        _clock.Advance(Minute);

        var won = await Task.WhenAll(a.TryAcquireAsync(name, a.Holder, Minute), b.TryAcquireAsync(name, b.Holder, Minute));

        won.Count(w => w).Should().Be(1);
        (await LeaseAsync(name)).Holder.Should().Be(won[0] ? a.Holder : b.Holder);
    }

    [Fact]
    public async Task Twenty_concurrent_attempts_give_one_winner_for_a_new_and_for_an_expired_lease()
    {
        var name = NewName();
        var nodes = Enumerable.Range(0, 20).Select(_ => Node()).ToList();

        var first = await Task.WhenAll(nodes.Select(n => n.TryAcquireAsync(name, n.Holder, Minute)));
        first.Count(w => w).Should().Be(1, "the lease did not exist yet");
        var firstHolder = nodes[Array.IndexOf(first, true)].Holder;
        (await LeaseAsync(name)).Holder.Should().Be(firstHolder);

        var during = await Task.WhenAll(nodes.Select(n => n.TryAcquireAsync(name, n.Holder, Minute)));
        during.Count(w => w).Should().Be(1, "only the holder renews while the lease runs");
        nodes[Array.IndexOf(during, true)].Holder.Should().Be(firstHolder);

        _clock.Advance(Minute);
        var others = nodes.Where(n => n.Holder != firstHolder).ToList();
        var after = await Task.WhenAll(others.Select(n => n.TryAcquireAsync(name, n.Holder, Minute)));
        after.Count(w => w).Should().Be(1, "the expired lease goes to one of the others");
        var lease = await LeaseAsync(name);
        lease.Holder.Should().Be(others[Array.IndexOf(after, true)].Holder);
        lease.Rounds.Should().Be(3, "every successful attempt counts one round, and only those");
    }

    [Fact]
    public async Task The_holder_renews_its_lease_each_round_and_the_others_are_refused_until_it_expires()
    {
        var name = NewName();
        var (a, b) = (Node(), Node());
        (await a.TryAcquireAsync(name, a.Holder, Minute)).Should().BeTrue();

        for (var round = 0; round < 3; round++)
        {
            _clock.Advance(TimeSpan.FromSeconds(40));
            (await b.TryAcquireAsync(name, b.Holder, Minute)).Should().BeFalse("the lease was renewed 40 seconds ago");
            (await a.TryAcquireAsync(name, a.Holder, Minute)).Should().BeTrue();
        }

        var lease = await LeaseAsync(name);
        (lease.Holder, lease.Rounds).Should().Be((a.Holder, 4));
        lease.ExpiresAt.Should().Be(_clock.GetUtcNow().UtcDateTime + Minute);

        _clock.Advance(Minute - TimeSpan.FromSeconds(1));
        (await b.TryAcquireAsync(name, b.Holder, Minute)).Should().BeFalse();
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await b.TryAcquireAsync(name, b.Holder, Minute)).Should().BeTrue("the holder stopped renewing and the lease ran out");
        (await a.TryAcquireAsync(name, a.Holder, Minute)).Should().BeFalse("the lease is the other's now");
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_only_its_holder_can_release_it()
    {
        var name = NewName();
        var (a, b) = (Node(), Node());
        (await a.TryAcquireAsync(name, a.Holder, Minute)).Should().BeTrue();

        (await b.ReleaseAsync(name, b.Holder)).Should().BeFalse();
        (await b.TryAcquireAsync(name, b.Holder, Minute)).Should().BeFalse();

        (await a.ReleaseAsync(name, a.Holder)).Should().BeTrue();
        (await LeaseAsync(name)).Holder.Should().BeEmpty();
        (await b.TryAcquireAsync(name, b.Holder, Minute)).Should().BeTrue("a graceful stop hands the work over without waiting for the expiry");
    }

    [Fact]
    public async Task A_round_runs_only_on_the_node_that_holds_the_lease()
    {
        var name = NewName();
        var (a, b) = (Node(), Node());
        var ran = new List<string>();

        (await a.RunIfHeldAsync(name, Minute, _ => Record(ran, "a"), CancellationToken.None)).Should().BeTrue();
        (await b.RunIfHeldAsync(name, Minute, _ => Record(ran, "b"), CancellationToken.None)).Should().BeFalse();
        (await a.RunIfHeldAsync(name, Minute, _ => Record(ran, "a"), CancellationToken.None)).Should().BeTrue();

        ran.Should().Equal("a", "a");
        (await LeaseAsync(name)).Rounds.Should().Be(2);
    }

    [Fact]
    public async Task A_long_round_extends_its_lease_and_stops_when_the_lease_is_taken_from_it()
    {
        var name = NewName();
        var a = Node();
        var duration = TimeSpan.FromMilliseconds(300);
        var started = _clock.GetUtcNow().UtcDateTime;
        var cancelled = false;

        var held = await a.RunIfHeldAsync(
            name,
            duration,
            async ct =>
            {
                // An hour passes during the round: the lease must follow, a third of its duration at a time.
                _clock.Advance(TimeSpan.FromHours(1));
                await WaitUntilAsync(async () => (await LeaseAsync(name)).ExpiresAt >= started.AddHours(1));

                // Another node took the lease over (as after a long database outage): the round must stop.
                await using (var db = database.Database.CreateContext(DataScope.System))
                {
                    await db.WorkerLeases.Where(l => l.Name == name).ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "another-node"), CancellationToken.None);
                }

                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), ct);
                }
                catch (OperationCanceledException)
                {
                    cancelled = true;
                    throw;
                }
            },
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        held.Should().BeTrue();
        cancelled.Should().BeTrue();
        var lease = await LeaseAsync(name);
        (lease.Holder, lease.Rounds).Should().Be(("another-node", 1), "extending a lease is not a round");
    }

    private WorkerLeases Node() => new(new Factory(database.Database), _clock, NullLogger<WorkerLeases>.Instance);

    private static string NewName() => "test-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<Core.Domain.WorkerLease> LeaseAsync(string name)
    {
        await using var db = database.Database.CreateContext(DataScope.System);
        return await db.WorkerLeases.AsNoTracking().SingleAsync(l => l.Name == name);
    }

    private static Task Record(List<string> ran, string node)
    {
        ran.Add(node);
        return Task.CompletedTask;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true within 10 seconds.");
            }

            await Task.Delay(50);
        }
    }

    private sealed class Factory(TestDatabase database) : ISystemDbContextFactory
    {
        public AppDbContext CreateDbContext() => database.CreateContext(DataScope.System);
    }

    /// <summary>Wall-clock time that moves only when told to; timers still run in real time.</summary>
    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    public sealed class OnSqlite(SqliteLeaseDatabase database) : WorkerLeaseTests(database), IClassFixture<SqliteLeaseDatabase>;

    public sealed class OnPostgreSql(PostgreSqlLeaseDatabase database) : WorkerLeaseTests(database), IClassFixture<PostgreSqlLeaseDatabase>;

    public sealed class OnSqlServer(SqlServerLeaseDatabase database) : WorkerLeaseTests(database), IClassFixture<SqlServerLeaseDatabase>;
}

/// <summary>One migrated database per provider for the lease tests; each test uses leases of its own names.</summary>
public abstract class LeaseDatabase(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; } = TestDatabase.Create(provider);

    public Task InitializeAsync() => Database.MigrateAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed class SqliteLeaseDatabase() : LeaseDatabase(DatabaseProvider.Sqlite);

public sealed class PostgreSqlLeaseDatabase() : LeaseDatabase(DatabaseProvider.PostgreSql);

public sealed class SqlServerLeaseDatabase() : LeaseDatabase(DatabaseProvider.SqlServer);
