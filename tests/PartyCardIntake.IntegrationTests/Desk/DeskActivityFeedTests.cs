using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.Planning;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.IntegrationTests.Desk;

/// <summary>
/// Every desk of a site sees the day's queue and records move within 2 s of a change at another desk, on the same
/// node and on another one, with one read of the board per site and change on a node.
/// </summary>
public abstract partial class DeskActivityFeedTests(AppFixture app) : IAsyncLifetime
{
    // Slots made for a test run now and their members get records: left behind, they would count as planned
    // members without a record in the planning tests that share this database.
    private readonly List<int> madeSlots = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (madeSlots.Count == 0)
        {
            return;
        }

        await using var db = app.SystemContext();
        await db.SlotMembers.Where(e => madeSlots.Contains(e.ScheduleSlotId)).ExecuteDeleteAsync();
        await db.ScheduleSlots.Where(s => madeSlots.Contains(s.Id)).ExecuteDeleteAsync();
    }

    /// <summary>What the desk promises: another desk's change is on screen within this.</summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    private static readonly byte[] Photo = DeskClient.Fixture("photo-600x800.jpg");
    private static readonly byte[] Signature = DeskClient.Fixture("signature-600x200.png");
    private static readonly string Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    private DeskActivityFeed Feed => app.Factory.Services.GetRequiredService<DeskActivityFeed>();

    [Fact]
    public async Task A_save_reaches_every_desk_of_its_site_with_one_read_and_no_desk_of_another_site()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var site = await StationAsync(officer);
        var other = await OtherSiteAsync(site);
        var (slot, member) = await ExpectTodayAsync(site);
        var feed = Feed;
        var first = new Seen();
        var second = new Seen();
        var foreign = new Seen();
        using var deskA = feed.Subscribe(site, first.Listener);
        using var deskB = feed.Subscribe(site, second.Listener);
        using var deskC = feed.Subscribe(other, foreign.Listener);
        await QuietAsync(feed);
        var readsBefore = feed.Reads;
        first.Clear();
        second.Clear();
        foreign.Clear();

        using (var response = await DeskClient.SubmitAsync(officer, member, Guid.NewGuid(), Photo, Signature, Strokes))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var board = await first.WaitForAsync(b => b.Today.Any(r => r.MemberId == member), Within, "the save at this site's desk");
        board.SiteId.Should().Be(site);
        board.Queue.Single(s => s.Id == slot).Members.Single(m => m.Id == member).Status.Should().Be(ExpectedStatus.Captured);

        // Long enough for the SQLite poll to come round: it must not read the same change again.
        await Task.Delay(DeskActivityRelay.PollEvery * 2);
        first.Count.Should().Be(1, "one change, one board");
        second.Snapshot().Should().ContainSingle().Which.Should().BeSameAs(first.Snapshot()[0], "both desks get the very same reading");
        (feed.Reads - readsBefore).Should().Be(1, "one read per site and change, however many desks watch");
        foreign.Count.Should().Be(0, "nothing happened at the other site");
    }

    [Fact]
    public async Task A_burst_of_changes_at_a_site_is_read_once()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var site = await StationAsync(officer);
        var feed = Feed;
        var first = new Seen();
        var second = new Seen();
        using var deskA = feed.Subscribe(site, first.Listener);
        using var deskB = feed.Subscribe(site, second.Listener);
        await QuietAsync(feed);
        var readsBefore = feed.Reads;
        first.Clear();
        second.Clear();

        for (var i = 0; i < 10; i++)
        {
            feed.Publish(site);
        }

        await first.WaitForAsync(_ => true, Within, "ten publications");
        await Task.Delay(DeskActivityRelay.PollEvery * 2);
        (feed.Reads - readsBefore).Should().Be(1);
        first.Count.Should().Be(1);
        second.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_desk_that_went_away_does_not_keep_the_others_from_their_board()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var site = await StationAsync(officer);
        var feed = Feed;
        var alive = new Seen();
        using var gone = feed.Subscribe(site, _ => throw new ObjectDisposedException("circuit"));
        using var desk = feed.Subscribe(site, alive.Listener);
        feed.Publish(site);
        await alive.WaitForAsync(_ => true, Within, "a publication");

        // Once every desk of the site has left, a change there is not read at all.
        desk.Dispose();
        gone.Dispose();
        await QuietAsync(feed);
        var readsBefore = feed.Reads;
        feed.Publish(site);
        await Task.Delay(DeskActivityRelay.PollEvery * 2);
        feed.Reads.Should().Be(readsBefore);
    }

    [Fact]
    public async Task A_check_in_and_a_re_check_reach_the_desks_of_the_site()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var site = await StationAsync(officer);
        var (slot, member) = await ExpectTodayAsync(site);
        var feed = Feed;
        var seen = new Seen();
        using var desk = feed.Subscribe(site, seen.Listener);

        // Through the service, as the desk's circuit calls it.
        await using (var circuit = await PartyCardIntake.IntegrationTests.Members.CircuitScope.ForAsync(app, DemoAccounts.Officer))
        {
            (await circuit.Get<ArrivalService>().CheckInAsync(slot, member, DemoAccounts.Officer)).Should().BeTrue();
        }

        var arrived = await seen.WaitForAsync(b => Status(b, slot, member) == ExpectedStatus.Arrived, Within, "the check-in");
        arrived.Today.Should().NotContain(r => r.MemberId == member);

        // Saved without a recent check, the record waits for the re-check worker, whose answer the desks see too.
        using (var response = await DeskClient.SubmitAsync(officer, member, Guid.NewGuid(), Photo, Signature, Strokes))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        await seen.WaitForAsync(b => b.Today.Any(r => r.MemberId == member && r.Verification == VerificationStatus.Pending && r.Attempts == 0), Within, "the save");
        for (var round = 0; round < 30 && !await RecheckedAsync(member); round++)
        {
            await app.Factory.RunVerificationRoundAsync();
        }

        (await RecheckedAsync(member)).Should().BeTrue("the worker takes the oldest due records first, and this one is due");
        await seen.WaitForAsync(b => b.Today.Any(r => r.MemberId == member && (r.Verification != VerificationStatus.Pending || r.Attempts > 0)), Within, "the re-check");
    }

    [Fact]
    public async Task A_save_on_one_node_reaches_the_desks_of_its_site_on_another_node()
    {
        await using var second = await SecondNodeAsync();
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var site = await StationAsync(officer);
        var (slot, member) = await ExpectTodayAsync(site);
        var there = new Seen();
        var remoteFeed = second.Services.GetRequiredService<DeskActivityFeed>();
        using var desk = remoteFeed.Subscribe(site, there.Listener);

        using (var response = await DeskClient.SubmitAsync(officer, member, Guid.NewGuid(), Photo, Signature, Strokes))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var board = await there.WaitForAsync(b => b.Today.Any(r => r.MemberId == member), Within, "the save on the other node");
        Status(board, slot, member).Should().Be(ExpectedStatus.Captured);
    }

    /// <summary>A second application on this test application's database, as a second web node runs.</summary>
    private async Task<PartyCardAppFactory> SecondNodeAsync()
    {
        var database = app.Factory.Database;
        var node = new PartyCardAppFactory(database.Provider);
        try
        {
            // Its own data folder (logs, audit anchors), the first node's database.
            node.Set("ConnectionStrings:PartyCard", database.Provider == DatabaseProvider.Sqlite
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(database.Folder, "partycard.db"), DefaultTimeout = 30 }.ToString()
                : database.ConnectionString);
            _ = node.Server;
            await Relay(node).Ready.WaitAsync(TimeSpan.FromSeconds(30));
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private static DeskActivityRelay Relay(PartyCardAppFactory node) =>
        node.Services.GetServices<IHostedService>().OfType<DeskActivityRelay>().Single();

    private static ExpectedStatus? Status(DeskBoard board, int slot, int member) =>
        board.Queue.SingleOrDefault(s => s.Id == slot)?.Members.SingleOrDefault(m => m.Id == member)?.Status;

    /// <summary>Waits until the feed has read nothing for a while: a SQLite node's first stamps are settled.</summary>
    private static async Task QuietAsync(DeskActivityFeed feed)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int reads;
        do
        {
            reads = feed.Reads;
            await Task.Delay(DeskActivityRelay.PollEvery * 1.5);
            DateTime.UtcNow.Should().BeBefore(deadline, "the feed reads only when something changes");
        }
        while (feed.Reads != reads);
    }

    private async Task<bool> RecheckedAsync(int member)
    {
        await using var db = app.SystemContext();
        return await db.Applications.AnyAsync(a => a.MemberId == member && (a.Verification != VerificationStatus.Pending || a.VerificationAttempts > 0));
    }

    /// <summary>The site of the station the desk client chooses (the first offered), chosen.</summary>
    private static async Task<int> StationAsync(HttpClient officer)
    {
        var page = await officer.GetStringAsync("/desk/station");
        var site = int.Parse(StationOption().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await DeskClient.ChooseStationAsync(officer);
        return site;
    }

    [GeneratedRegex("<option value=\"([0-9]+):[0-9]+\"")]
    private static partial Regex StationOption();

    private async Task<int> OtherSiteAsync(int site)
    {
        await using var db = app.SystemContext();
        return await db.IntakeSites.Where(s => s.Id != site).OrderBy(s => s.CommuneId != app.CommuneOne).ThenBy(s => s.Id).Select(s => s.Id).FirstAsync();
    }

    /// <summary>A member nobody else uses, expected at the site in a slot running now.</summary>
    private async Task<(int Slot, int Member)> ExpectTodayAsync(int site)
    {
        await using var db = app.SystemContext();
        var taken = app.TakenMembers;
        List<int> excluded;
        lock (taken)
        {
            excluded = [.. taken];
        }

        var candidates = await db.PartyMembers
            .Where(m => m.CommuneId == app.CommuneOne && m.Exemption == null && !m.NeedsHomeVisit && !excluded.Contains(m.Id)
                && !db.Applications.Any(a => a.MemberId == m.Id) && !db.SlotMembers.Any(e => e.MemberId == m.Id && e.ScheduleSlot!.IsManual))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.PartyCellId })
            .Take(20)
            .ToListAsync();
        int member;
        int cell;
        lock (taken)
        {
            var pick = candidates.First(c => !taken.Contains(c.Id));
            taken.Add(pick.Id);
            (member, cell) = (pick.Id, pick.PartyCellId);
        }

        await db.SlotMembers.Where(e => e.MemberId == member).ExecuteDeleteAsync();
        var now = DateTime.UtcNow.AddHours(7);
        var slot = new ScheduleSlot
        {
            CommuneId = app.CommuneOne, IntakeSiteId = site, PartyCellId = cell, IsManual = true, Members = 1,
            Start = now.AddMinutes(-10), End = now.AddMinutes(50), CreatedAt = DateTime.UtcNow,
        };
        slot.Expected.Add(new SlotMember { MemberId = member, CommuneId = app.CommuneOne });
        db.ScheduleSlots.Add(slot);
        await db.SaveChangesAsync();
        madeSlots.Add(slot.Id);
        return (slot.Id, member);
    }

    /// <summary>The boards one desk was given.</summary>
    private sealed class Seen
    {
        private readonly List<DeskBoard> boards = [];

        public Func<DeskBoard, Task> Listener => board =>
        {
            lock (boards)
            {
                boards.Add(board);
            }

            return Task.CompletedTask;
        };

        public int Count
        {
            get
            {
                lock (boards)
                {
                    return boards.Count;
                }
            }
        }

        public List<DeskBoard> Snapshot()
        {
            lock (boards)
            {
                return [.. boards];
            }
        }

        public void Clear()
        {
            lock (boards)
            {
                boards.Clear();
            }
        }

        public async Task<DeskBoard> WaitForAsync(Func<DeskBoard, bool> condition, TimeSpan within, string after)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (Snapshot().LastOrDefault(condition) is { } board)
                {
                    return board;
                }

                watch.Elapsed.Should().BeLessThan(within, "a desk sees {0} within {1}", after, within);
                await Task.Delay(20);
            }
        }
    }

    /// <summary>The system's contexts where a service asks for the user's: these tests have no user.</summary>
    private sealed class SystemContexts(ISystemDbContextFactory contexts) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => contexts.CreateDbContext();
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : DeskActivityFeedTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : DeskActivityFeedTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : DeskActivityFeedTests(app)
    {
        private readonly PostgreSqlApp app = app;

        [Fact]
        public async Task A_node_whose_listening_connection_was_cut_listens_again_and_reads_what_it_may_have_missed()
        {
            await using var second = await SecondNodeAsync();
            var relay = Relay(second);
            var connectionsBefore = relay.Connections;
            using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
            var site = await StationAsync(officer);
            var (slot, member) = await ExpectTodayAsync(site);
            var there = new Seen();
            using var desk = second.Services.GetRequiredService<DeskActivityFeed>().Subscribe(site, there.Listener);

            // As a server restart does to every connection of this database.
            await using (var db = app.SystemContext())
            {
                await db.Database.ExecuteSqlRawAsync(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = {0}",
                    DeskActivityRelay.ApplicationName);
            }

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (relay.Connections == connectionsBefore)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "the listener reconnects after a second");
                await Task.Delay(50);
            }

            // Back, the node reads its watched sites at once: changes made meanwhile were not heard.
            await there.WaitForAsync(_ => true, Within, "the reconnection");
            using (var response = await DeskClient.SubmitAsync(officer, member, Guid.NewGuid(), Photo, Signature, Strokes))
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }

            var board = await there.WaitForAsync(b => b.Today.Any(r => r.MemberId == member), Within, "the save on the other node");
            Status(board, slot, member).Should().Be(ExpectedStatus.Captured);
        }
    }
}
