using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Users;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Campaign;

namespace PartyCardIntake.IntegrationTests.Campaign;

/// <summary>The campaign window and the communes' deadlines, through the service the /campaign page calls.</summary>
public abstract class CampaignTests(AppFixture app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task The_administrator_saves_the_window_and_a_communes_own_deadline()
    {
        var before = await SnapshotAsync();
        try
        {
            await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);
            var campaign = admin.Get<CampaignService>();
            var (provinceName, form) = (await campaign.LoadAsync())!.Value;
            provinceName.Should().NotBeEmpty();
            form.Communes.Select(c => c.Id).Should().Contain([app.CommuneOne, app.CommuneTwo]);
            form.Communes.Single(c => c.Id == app.CommuneOne).Target.Should().BePositive("the target is the commune's eligible members");
            var since = await LastAuditIdAsync();

            form.Start = Day(-7);
            form.Deadline = Day(30);
            form.Communes.Single(c => c.Id == app.CommuneOne).Deadline = Day(20);
            (await campaign.SaveAsync(form)).Should().Be(CampaignSaveResult.Saved);

            await using (var db = app.SystemContext())
            {
                var province = await db.Provinces.SingleAsync(p => p.Communes.Any(c => c.Id == app.CommuneOne));
                (province.CampaignStart, province.Deadline).Should().Be((Today.AddDays(-7), Today.AddDays(30)));
                (await db.Communes.SingleAsync(c => c.Id == app.CommuneOne)).Deadline.Should().Be(Today.AddDays(20));
                (await db.AuditEntries.AsNoTracking().Where(e => e.Id > since && e.Action == AuditAction.Admin).SingleAsync())
                    .Target.Should().Contain("campaign").And.Contain("saved");
            }

            var (_, reloaded) = (await campaign.LoadAsync())!.Value;
            reloaded.Deadline.Should().Be(Day(30));
            reloaded.Communes.Single(c => c.Id == app.CommuneOne).Deadline.Should().Be(Day(20));
        }
        finally
        {
            await RestoreAsync(before);
        }
    }

    [Theory]
    [InlineData("backwards")]
    [InlineData("commune-before-start")]
    [InlineData("commune-after-deadline")]
    [InlineData("year-2099")]
    [InlineData("year-1")]
    [InlineData("missing")]
    public async Task A_form_breaking_a_rule_is_refused_and_nothing_is_saved(string wrong)
    {
        var before = await SnapshotAsync();
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);
        var campaign = admin.Get<CampaignService>();
        var (_, form) = (await campaign.LoadAsync())!.Value;
        form.Start = Day(-7);
        form.Deadline = Day(30);
        var commune = form.Communes.Single(c => c.Id == app.CommuneOne);
        switch (wrong)
        {
            case "backwards": form.Deadline = Day(-8); break;
            case "commune-before-start": commune.Deadline = Day(-8); break;
            case "commune-after-deadline": commune.Deadline = Day(31); break;
            case "year-2099": form.Deadline = new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Unspecified); break;
            case "year-1": form.Start = DateTime.MinValue; break;
            default: form.Deadline = null; break;
        }

        (await campaign.SaveAsync(form)).Should().Be(CampaignSaveResult.Invalid);
        (await SnapshotAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task A_commune_may_only_narrow_its_deadline_on_the_planning_page()
    {
        var before = await SnapshotAsync();
        try
        {
            await using (var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin))
            {
                var campaign = admin.Get<CampaignService>();
                var (_, form) = (await campaign.LoadAsync())!.Value;
                form.Start = Day(-7);
                form.Deadline = Day(30);
                foreach (var row in form.Communes)
                {
                    row.Deadline = null;
                }

                (await campaign.SaveAsync(form)).Should().Be(CampaignSaveResult.Saved);
            }

            // The planning page's form (interactive): its validator, then CampaignService, which checks again.
            await using (var lead = await AsUser.CreateAsync(app, DemoAccounts.Lead))
            {
                var campaign = lead.Get<CampaignService>();
                (await campaign.SetCommuneDeadlineAsync(Today.AddDays(20))).Should().BeNull();
                (await campaign.GetAsync())!.CommuneDeadline.Should().Be(Today.AddDays(20));

                var province = new PartyCardIntake.Web.Features.Planning.CampaignWindow(DateOnly.FromDateTime(Day(-7)), DateOnly.FromDateTime(Day(30)));
                var later = new PartyCardIntake.Web.Features.Planning.CommuneDeadlineForm { Deadline = Today.AddDays(40).ToDateTime(TimeOnly.MinValue) }.Use(province);
                new PartyCardIntake.Web.Features.Planning.CommuneDeadlineFormValidator().Validate(later).Errors.Should().ContainSingle()
                    .Which.ErrorMessage.Should().Contain("không muộn hơn hạn tỉnh");
                (await campaign.SetCommuneDeadlineAsync(Today.AddDays(40))).Should().Be("campaign.commune-outside");
            }

            using (var client = await app.SignedInClientAsync(DemoAccounts.Lead))
            {
                (await client.GetStringAsync("/planning")).Should().Contain($"data-testid=\"commune-deadline\">{Today.AddDays(20):dd/MM/yyyy}<");
            }

            await using var db = app.SystemContext();
            (await db.Communes.SingleAsync(c => c.Id == app.CommuneOne)).Deadline.Should().Be(Today.AddDays(20));
        }
        finally
        {
            await RestoreAsync(before);
        }
    }

    [Fact]
    public async Task Only_the_administrator_sets_the_provinces_window()
    {
        using (var viewer = await app.SignedInClientAsync(DemoAccounts.Province))
        using (var response = await viewer.GetAsync("/campaign"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().Should().Contain("/account/denied");
        }

        var before = await SnapshotAsync();
        foreach (var who in new[] { DemoAccounts.Province, DemoAccounts.Lead, DemoAccounts.Officer })
        {
            await using var user = await AsUser.CreateAsync(app, who);
            var campaign = user.Get<CampaignService>();
            (await campaign.LoadAsync()).Should().BeNull(who);
            var form = new CampaignForm { Start = Day(-1), Deadline = Day(10), Communes = [new CommuneTarget { Id = app.CommuneOne, Deadline = Day(5) }] };
            (await campaign.SaveAsync(form)).Should().Be(CampaignSaveResult.NotFound, who);
        }

        (await SnapshotAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Another_provinces_administrator_neither_sees_nor_changes_this_provinces_communes()
    {
        await using var other = await OtherProvince.CreateAsync(app);
        var before = await SnapshotAsync();
        await using var admin = await AsUser.CreateAsync(app, other.AdminName);
        var campaign = admin.Get<CampaignService>();

        var (_, form) = (await campaign.LoadAsync())!.Value;
        form.Communes.Select(c => c.Id).Should().Equal(other.CommuneId);

        form.Start = Day(-1);
        form.Deadline = Day(10);
        form.Communes.Add(new CommuneTarget { Id = app.CommuneOne, Deadline = Day(5) });
        (await campaign.SaveAsync(form)).Should().Be(CampaignSaveResult.NotFound);

        (await SnapshotAsync()).Should().BeEquivalentTo(before);
        await using var db = app.SystemContext();
        (await db.Provinces.SingleAsync(p => p.Id == other.ProvinceId)).Deadline.Should().BeNull("nothing of a refused form is saved");
    }

    private static DateTime Day(int offset) => Today.AddDays(offset).ToDateTime(TimeOnly.MinValue);

    private sealed record Snapshot(List<(int Id, DateOnly? Start, DateOnly? Deadline)> Provinces, List<(int Id, DateOnly? Deadline)> Communes);

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = app.SystemContext();
        var provinces = (await db.Provinces.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.CampaignStart, p.Deadline }).ToListAsync())
            .Select(p => (p.Id, p.CampaignStart, p.Deadline)).ToList();
        var communes = (await db.Communes.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Deadline }).ToListAsync())
            .Select(c => (c.Id, c.Deadline)).ToList();
        return new Snapshot(provinces, communes);
    }

    private async Task RestoreAsync(Snapshot snapshot)
    {
        await using var db = app.SystemContext();
        foreach (var (id, start, deadline) in snapshot.Provinces)
        {
            await db.Provinces.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CampaignStart, start).SetProperty(p => p.Deadline, deadline));
        }

        foreach (var (id, deadline) in snapshot.Communes)
        {
            await db.Communes.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Deadline, deadline));
        }
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = app.SystemContext();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : CampaignTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : CampaignTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : CampaignTests(app);
}
