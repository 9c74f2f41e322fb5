using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Audit;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Members;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.IntegrationTests.Audit;

/// <summary>What the running application writes into the audit trail, and the administrators' page.</summary>
public abstract class AuditTrailTests(AppFixture app)
{
    [Fact]
    public async Task A_sign_in_and_a_failed_one_are_recorded()
    {
        var since = await LastIdAsync();
        using (var client = app.CreateBrowserClient())
        {
            using var failed = await SignInClient.PostSignInAsync(client, DemoAccounts.Province, "wrong password, long enough");
            using var unknown = await SignInClient.PostSignInAsync(client, "025055000123", "wrong password, long enough");
        }

        using var signedIn = await app.SignedInClientAsync(DemoAccounts.Province);

        var entries = await EntriesAsync(since);
        entries.Should().ContainSingle(e => e.Action == AuditAction.SignInFailed && e.UserName == DemoAccounts.Province)
            .Which.ProvinceId.Should().NotBeNull();
        var anonymous = entries.Should().ContainSingle(e => e.Action == AuditAction.SignInFailed && e.UserName == null).Subject;
        anonymous.Target.Should().NotContain("025055000123", "a typed name may be an ID number and is never kept");
        entries.Should().ContainSingle(e => e.Action == AuditAction.SignIn && e.UserName == DemoAccounts.Province)
            .Which.Role.Should().Be("ProvinceViewer");
    }

    [Fact]
    public async Task Token_requests_are_recorded_both_ways()
    {
        var since = await LastIdAsync();
        using var client = app.Factory.CreateClient();
        using var bad = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = DemoAccounts.Committee, password = "not the password at all" });
        using var good = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = DemoAccounts.Committee, password = PartyCardAppFactory.DemoPassword });
        good.StatusCode.Should().Be(HttpStatusCode.OK);

        var entries = await EntriesAsync(since);
        entries.Where(e => e.UserName == DemoAccounts.Committee).Select(e => e.Action)
            .Should().Equal(AuditAction.SignInFailed, AuditAction.SignIn);
    }

    [Fact]
    public async Task Opening_a_member_records_the_member_the_user_and_the_address_once()
    {
        int memberId;
        await using (var db = app.SystemContext())
        {
            memberId = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        }

        var session = await SessionCookieAsync(DemoAccounts.Officer);
        var since = await LastIdAsync();

        // The prerendered page already holds the member's data, so the request is the view, circuit or not (a script
        // that reads the HTML never opens one); the circuit that follows is told so and writes nothing more.
        (await GetFromAsync($"/members/{memberId}", session, "10.20.30.40")).Should().Be(200);

        // At a chosen station (the desk sends the officer to choose one before any member is shown), the prerender of
        // the desk's member screen records the lookup; the circuit that follows is told so and writes nothing more.
        string station;
        await using (var db = app.SystemContext())
        {
            var device = await db.Devices.Where(d => d.CommuneId == app.CommuneOne && d.IsActive).OrderBy(d => d.Id).Select(d => new { d.Id, d.IntakeSiteId }).FirstAsync();
            station = $"{PartyCardIntake.Web.Features.Desk.DeskSession.CookieName}={device.IntakeSiteId}:{device.Id}";
        }

        (await GetFromAsync($"/desk/members/{memberId}", $"{session}; {station}", "10.20.30.40")).Should().Be(200);
        var entries = await EntriesAsync(since);
        for (var i = 0; i < 50 && !entries.Any(e => e.Action == AuditAction.DeskLookup); i++)
        {
            await Task.Delay(100);
            entries = await EntriesAsync(since);
        }

        var view = entries.Should().ContainSingle(e => e.Action == AuditAction.ViewMember).Subject;
        (view.MemberId, view.UserName, view.CommuneId).Should().Be((memberId, DemoAccounts.Officer, app.CommuneOne));
        view.Address.Should().Be("10.20.30.40");
        view.Target.Should().Be($"VIEW /members/{memberId} → 200");
        var lookup = entries.Should().ContainSingle(e => e.Action == AuditAction.DeskLookup && e.MemberId == memberId).Subject;
        (lookup.UserName, lookup.Address, lookup.Target).Should().Be((DemoAccounts.Officer, "10.20.30.40", $"VIEW /desk/members/{memberId} → 200"));
    }

    [Fact]
    public async Task Opening_another_communes_member_is_recorded_as_not_found()
    {
        int foreign;
        await using (var db = app.SystemContext())
        {
            foreign = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneTwo).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        }

        var since = await LastIdAsync();
        await using (var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Committee))
        {
            (await circuit.Get<MemberQueries>().OpenAsync(foreign, recordView: true)).Should().BeNull();
        }

        var view = (await EntriesAsync(since)).Should().ContainSingle(e => e.Action == AuditAction.ViewMember).Subject;
        (view.MemberId, view.UserName, view.Target).Should().Be(((int?)foreign, DemoAccounts.Committee, $"VIEW /members/{foreign} → 404"));
    }

    [Fact]
    public async Task A_refused_page_is_recorded_and_a_non_admin_cannot_open_the_audit_page()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        var since = await LastIdAsync();

        using var response = await client.GetAsync("/admin/audit");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/denied");
        var denied = (await EntriesAsync(since)).Should().ContainSingle(e => e.Action == AuditAction.AccessDenied).Subject;
        (denied.UserName, denied.Target).Should().Be((DemoAccounts.Officer, "GET /admin/audit → 403"));
    }

    [Fact]
    public async Task A_refused_api_call_is_recorded()
    {
        using var client = app.Factory.CreateClient();
        using var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = DemoAccounts.Province, password = PartyCardAppFactory.DemoPassword });
        var bearer = (await token.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["accessToken"].ToString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        var since = await LastIdAsync();

        using var response = await client.GetAsync("/api/v1/members/1");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await EntriesAsync(since)).Should().ContainSingle(e => e.Action == AuditAction.AccessDenied && e.UserName == DemoAccounts.Province);
    }

    [Fact]
    public async Task Exports_are_recorded()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        var since = await LastIdAsync();
        (await client.GetAsync("/reports/daily.csv")).EnsureSuccessStatusCode();

        (await EntriesAsync(since)).Should().ContainSingle(e => e.Action == AuditAction.Export && e.UserName == DemoAccounts.Lead)
            .Which.Target.Should().StartWith("GET /reports/daily.csv");
    }

    [Fact]
    public async Task A_change_is_recorded_with_its_member()
    {
        int memberId;
        await using (var db = app.SystemContext())
        {
            var taken = app.TakenMembers.ToList();
            memberId = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne && m.Exemption == null && !taken.Contains(m.Id))
                .OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync();
            app.TakenMembers.Add(memberId);
        }

        var since = await LastIdAsync();
        await using (var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee))
        {
            (await committee.Get<MemberAdmin>().SetHomeVisitAsync(memberId, true)).Succeeded.Should().BeTrue();
        }

        (await EntriesAsync(since)).Should().Contain(e => e.Action == AuditAction.Change && e.MemberId == memberId && e.UserName == DemoAccounts.Committee);
    }

    [Fact]
    public async Task The_admin_page_lists_filters_pages_and_verifies()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        await officer.GetAsync("/members");
        await using var admin = await PartyCardIntake.IntegrationTests.Users.AsUser.CreateAsync(app, DemoAccounts.Admin);
        var queries = admin.Get<AuditQueries>();

        var all = await queries.SearchAsync(new AuditFilter(null, null, null, null, null, 1));
        all.Entries.Should().Contain(e => e.UserName == DemoAccounts.Officer);
        all.Total.Should().BeGreaterThanOrEqualTo(all.Entries.Count);
        all.Entries.Select(e => e.Id).Should().BeInDescendingOrder();

        var filtered = await queries.SearchAsync(new AuditFilter(DemoAccounts.Admin, null, AuditAction.SignIn, null, null, 1));
        filtered.Entries.Should().NotBeEmpty().And.OnlyContain(e => e.Action == AuditAction.SignIn && e.UserName == DemoAccounts.Admin);

        (await queries.SearchAsync(new AuditFilter(null, 987654321, null, null, null, 1))).Should().Match<AuditPage>(p => p.Entries.Count == 0 && p.Total == 0);

        var first = await queries.SearchAsync(new AuditFilter(null, null, null, null, null, 1, PageSize: 2));
        var second = await queries.SearchAsync(new AuditFilter(null, null, null, null, null, 2, PageSize: 2));
        (first.Entries.Count, first.HasMore, first.Total).Should().Be((2, true, all.Total));
        var lastOfFirst = first.Entries[^1].Id;
        second.Entries.Should().OnlyContain(e => e.Id < lastOfFirst);
        (await queries.SearchAsync(new AuditFilter(null, null, null, null, null, int.MaxValue, PageSize: int.MaxValue))).Entries.Should().BeEmpty("a far page is empty, not an overflow");

        (await queries.VerifyAsync())!.IsIntact.Should().BeTrue();
        (await AuditVerifyCommandExit()).Should().Be(0);
    }

    [Fact]
    public async Task The_audit_log_filters_by_a_range_of_days_in_vietnam_time()
    {
        await using var admin = await PartyCardIntake.IntegrationTests.Users.AsUser.CreateAsync(app, DemoAccounts.Admin);
        var queries = admin.Get<AuditQueries>();
        long id;
        DateTime at;
        await using (var db = app.SystemContext())
        {
            var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();
            (id, at) = (last.Id, last.At);
        }

        var day = DateOnly.FromDateTime(VietnamTime.ToLocal(at).DateTime);
        (await queries.SearchAsync(new AuditFilter(null, null, null, day, day, 1))).Entries.Should().Contain(e => e.Id == id);
        (await queries.SearchAsync(new AuditFilter(null, null, null, day.AddDays(1), null, 1))).Entries.Should().NotContain(e => e.Id == id);
        (await queries.SearchAsync(new AuditFilter(null, null, null, null, day.AddDays(-1), 1))).Entries.Should().NotContain(e => e.Id == id);
        (await queries.SearchAsync(new AuditFilter(null, null, null, DateOnly.MinValue, DateOnly.MaxValue.AddDays(-1), 1))).Entries.Should().Contain(e => e.Id == id);
    }

    [Theory]
    [InlineData("/admin/audit?page=abc")]
    [InlineData("/admin/audit?page=99999999999999999999")]
    [InlineData("/admin/audit?from=2026-13-45&to=x")]
    [InlineData("/admin/audit?from=0001-01-01&to=9999-12-31")]
    [InlineData("/admin/audit?member=-1&action=999&user=%00")]
    [InlineData("/admin/audit?action=SignIn&action=Export&verify=maybe")]
    public async Task A_malformed_link_to_the_audit_page_never_fails(string path)
    {
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);
        using var response = await admin.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_anchor_writer_writes_the_tail_down_and_verify_checks_other_nodes_files()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        await officer.GetAsync("/members");
        var writer = app.Factory.Services.GetRequiredService<AuditAnchorWriter>();
        var file = app.Factory.Services.GetRequiredService<AuditAnchorFile>();

        var anchor = await writer.WriteOnceAsync() ?? await file.LastAsync();

        anchor.Should().NotBeNull();
        file.Path.Should().StartWith(app.Factory.Database.Folder, "each installation's anchors sit beside its data");
        (await file.ReadAsync()).Should().Contain(anchor!);
        (await AuditVerifyCommandExit()).Should().Be(0);

        // Another node's file naming an entry this database does not have: the tail was cut.
        var otherNode = Path.Combine(Path.GetTempPath(), $"anchors-{Guid.NewGuid():N}.log");
        var beyondTheEnd = anchor! with { EntryId = anchor.EntryId + 1_000_000 };
        await File.WriteAllTextAsync(otherNode, beyondTheEnd.ToLine() + "\n");
        try
        {
            (await AuditVerifyCommand.RunAsync(app.Factory.Services, ["audit", "verify", "--anchors", otherNode])).Should().Be(1);
            (await AuditVerifyCommand.RunAsync(app.Factory.Services, ["audit", "verify", "--anchors", otherNode + ".missing"])).Should().Be(2);
        }
        finally
        {
            File.Delete(otherNode);
        }
    }

    /// <summary>Signs in without a cookie jar and returns the session cookie, to be sent from a chosen client address.</summary>
    private async Task<string> SessionCookieAsync(string userName)
    {
        using var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var form = await client.GetAsync("/account/signin");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
                ["_handler"] = "signin",
                ["Input.UserName"] = userName,
                ["Input.Password"] = PartyCardAppFactory.DemoPassword,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var response = await client.SendAsync(post);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("pci.session=", StringComparison.Ordinal));
    }

    private async Task<int> GetFromAsync(string path, string cookie, string address)
    {
        var context = await app.Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Request.Headers.Cookie = cookie;
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        return context.Response.StatusCode;
    }

    private Task<int> AuditVerifyCommandExit() => AuditVerifyCommand.RunAsync(app.Factory.Services, ["audit", "verify"]);

    private async Task<long> LastIdAsync()
    {
        await using var db = app.SystemContext();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private async Task<List<AuditEntry>> EntriesAsync(long since)
    {
        await using var db = app.SystemContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Id > since).OrderBy(e => e.Id).ToListAsync();
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : AuditTrailTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : AuditTrailTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : AuditTrailTests(app);
}
