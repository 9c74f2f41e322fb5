using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.Reports;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>
/// The province dashboard follows the desks: a save at any site of the province reaches every open dashboard through
/// the desk activity feed, a burst of saves makes one read shared by all of them, and reads come at most once per window.
/// </summary>
public abstract class ProvinceDashboardFeedTests(AppFixture app)
{
    private ProvinceDashboardFeed Feed => app.Factory.Services.GetRequiredService<ProvinceDashboardFeed>();

    private DeskActivityFeed Desks => app.Factory.Services.GetRequiredService<DeskActivityFeed>();

    [Fact]
    public async Task A_burst_of_saves_makes_one_read_for_every_dashboard_and_the_next_waits_for_the_window()
    {
        var (provinceId, siteId) = await ProvinceAndSiteAsync();
        var first = new List<ProvinceSnapshot>();
        var second = new List<ProvinceSnapshot>();
        using var a = Feed.Subscribe(provinceId, s => { lock (first) { first.Add(s); } return Task.CompletedTask; });
        using var b = Feed.Subscribe(provinceId, s => { lock (second) { second.Add(s); } return Task.CompletedTask; });
        await WatchedAsync(siteId);
        var before = Feed.Reads;

        for (var i = 0; i < 20; i++)
        {
            Desks.Publish(siteId);
        }

        await WaitAsync(() => Count(first) == 1 && Count(second) == 1, TimeSpan.FromSeconds(3));
        await Task.Delay(ProvinceDashboardFeed.Window + TimeSpan.FromMilliseconds(500));
        (Feed.Reads - before).Should().Be(1, "twenty saves at once make one read, shared by both dashboards");
        Count(first).Should().Be(1);
        first[0].Figures.ProvinceId.Should().Be(provinceId);
        first[0].Should().BeSameAs(second[0]);

        // Two saves in quick succession after a read: the second read waits for the window.
        var clock = Stopwatch.StartNew();
        Desks.Publish(siteId);
        await WaitAsync(() => Count(first) == 2, TimeSpan.FromSeconds(3));
        Desks.Publish(siteId);
        await WaitAsync(() => Count(first) == 3, TimeSpan.FromSeconds(4));
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(ProvinceDashboardFeed.Window - TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_dashboard_that_went_away_is_told_nothing_and_its_sites_are_let_go()
    {
        var (provinceId, siteId) = await ProvinceAndSiteAsync();
        var told = new List<ProvinceSnapshot>();
        var subscription = Feed.Subscribe(provinceId, s => { lock (told) { told.Add(s); } return Task.CompletedTask; });
        await WatchedAsync(siteId);
        subscription.Dispose();

        Desks.Publish(siteId);
        await Task.Delay(ProvinceDashboardFeed.Window);
        Count(told).Should().Be(0);
        Desks.WatchedSites().Should().NotContain(siteId, "no desk and no dashboard watches the site any more");
    }

    private async Task<(int ProvinceId, int SiteId)> ProvinceAndSiteAsync()
    {
        await using var db = app.SystemContext();
        var site = await db.IntakeSites.Where(s => s.CommuneId == app.CommuneOne).Select(s => new { s.Id, s.Commune!.ProvinceId }).FirstAsync();
        return (site.ProvinceId, site.Id);
    }

    /// <summary>The feed subscribes to the province's sites in the background when its first dashboard opens.</summary>
    private async Task WatchedAsync(int siteId) => await WaitAsync(() => Desks.WatchedSites().Contains(siteId), TimeSpan.FromSeconds(5));

    private static int Count(List<ProvinceSnapshot> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(timeout, "the dashboards should have been told by now");
            await Task.Delay(25);
        }
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ProvinceDashboardFeedTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ProvinceDashboardFeedTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ProvinceDashboardFeedTests(app);
}
