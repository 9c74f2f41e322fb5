using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Campaign;
using PartyCardIntake.Web.Features.Users;

namespace PartyCardIntake.IntegrationTests.Users;

/// <summary>
/// What an Admin's disable, enable, reset, unlock and "end sessions" do to a user's sign-ins, through the service the
/// user page calls, and that every service the admin pages call reaches only the Admin's own province.
/// </summary>
public abstract class UserAccessTests(AppFixture app)
{
    [Fact]
    public async Task Disabling_a_user_ends_their_session_and_token_and_refuses_sign_in_until_enabled()
    {
        var (id, userName) = await UserAdminClient.SeedUserAsync(app, AppRoles.IntakeOfficer, app.CommuneOne);
        using var user = await app.SignedInClientAsync(userName);
        var token = await UserAdminClient.TokenAsync(app, userName);
        (await UserAdminClient.MeAsync(app, token)).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);
        var users = admin.Get<UserAdmin>();
        var since = await LastAuditIdAsync();

        (await users.DisableAsync(id)).Succeeded.Should().BeTrue();

        (await UserAdminClient.ReadAsync(app, id)).DisabledAt.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        (await UserAdminClient.SessionCountAsync(app, id)).Should().Be(0);
        (await UserAdminClient.HomeRedirectAsync(user)).Should().Contain("/account/signin");

        using var me = await UserAdminClient.MeAsync(app, token);
        me.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("không còn hiệu lực");

        using (var again = app.CreateBrowserClient())
        using (var refused = await SignInClient.PostSignInAsync(again, userName, PartyCardAppFactory.DemoPassword))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.OK);
            (await refused.Content.ReadAsStringAsync()).Should().Contain("Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.");
        }

        using (var tokenRefused = await UserAdminClient.RequestTokenAsync(app, userName, PartyCardAppFactory.DemoPassword))
        {
            tokenRefused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await tokenRefused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("vô hiệu hóa");
        }

        (await admin.Get<UserQueries>().ListAsync(new UserFilter(userName, null, null, 1))).Users.Should().ContainSingle().Which.DisabledAt.Should().NotBeNull();

        (await users.EnableAsync(id)).Succeeded.Should().BeTrue();
        (await UserAdminClient.ReadAsync(app, id)).DisabledAt.Should().BeNull();
        using var back = await app.SignedInClientAsync(userName);
        (await UserAdminClient.HomeRedirectAsync(back)).Should().BeEmpty();
        (await UserAdminClient.MeAsync(app, await UserAdminClient.TokenAsync(app, userName))).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var db = app.SystemContext();
        var targets = await db.AuditEntries.AsNoTracking().Where(e => e.Id > since && e.Action == AuditAction.Admin).OrderBy(e => e.Id).Select(e => e.Target).ToListAsync();
        targets.Should().HaveCount(2);
        targets.Should().Equal($"user={id} disabled", $"user={id} enabled");
    }

    [Fact]
    public async Task Resetting_a_password_ends_the_sessions_clears_the_lockout_and_shows_a_new_password()
    {
        var (id, userName) = await UserAdminClient.SeedUserAsync(app, AppRoles.StationLead, app.CommuneOne);
        using var user = await app.SignedInClientAsync(userName);
        var token = await UserAdminClient.TokenAsync(app, userName);
        await using (var db = app.SystemContext())
        {
            var row = await db.Users.SingleAsync(u => u.Id == id);
            row.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(10);
            row.AccessFailedCount = 5;
            await db.SaveChangesAsync();
        }

        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);
        (await admin.Get<UserQueries>().FindAsync(id))!.LockedOut.Should().BeTrue();

        var reset = await admin.Get<UserAdmin>().ResetPasswordAsync(id);

        reset.Succeeded.Should().BeTrue();
        var password = reset.Password!;
        (await admin.Get<UserQueries>().FindAsync(id))!.LockedOut.Should().BeFalse();
        var after = await UserAdminClient.ReadAsync(app, id);
        (after.MustChangePassword, after.LockoutEnd, after.AccessFailedCount).Should().Be((true, null, 0));
        (await UserAdminClient.SessionCountAsync(app, id)).Should().Be(0);
        (await UserAdminClient.HomeRedirectAsync(user)).Should().Contain("/account/signin");
        (await UserAdminClient.MeAsync(app, token)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using (var old = app.CreateBrowserClient())
        using (var refused = await SignInClient.PostSignInAsync(old, userName, PartyCardAppFactory.DemoPassword))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.OK, "the old password no longer works");
        }

        using var fresh = app.CreateBrowserClient();
        await SignInClient.SignInAsync(fresh, userName, password);
    }

    [Fact]
    public async Task Unlocking_clears_a_lockout()
    {
        var (id, userName) = await UserAdminClient.SeedUserAsync(app, AppRoles.IntakeOfficer, app.CommuneTwo);
        using (var client = app.CreateBrowserClient())
        {
            for (var i = 0; i < 5; i++)
            {
                using var wrong = await SignInClient.PostSignInAsync(client, userName, "mat-khau-sai-lan-" + i);
            }
        }

        (await UserAdminClient.ReadAsync(app, id)).LockoutEnd.Should().BeAfter(DateTimeOffset.UtcNow);
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);

        (await admin.Get<UserAdmin>().UnlockAsync(id)).Succeeded.Should().BeTrue();

        (await UserAdminClient.ReadAsync(app, id)).LockoutEnd.Should().BeNull();
        using var user = await app.SignedInClientAsync(userName);
    }

    [Fact]
    public async Task Ending_the_sessions_signs_the_user_out_everywhere_and_nothing_else()
    {
        var (id, userName) = await UserAdminClient.SeedUserAsync(app, AppRoles.WardCommittee, app.CommuneOne);
        using var user = await app.SignedInClientAsync(userName);
        var token = await UserAdminClient.TokenAsync(app, userName);
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);

        (await admin.Get<UserAdmin>().EndAllSessionsAsync(id)).Succeeded.Should().BeTrue();

        (await UserAdminClient.SessionCountAsync(app, id)).Should().Be(0);
        (await UserAdminClient.HomeRedirectAsync(user)).Should().Contain("/account/signin");
        (await UserAdminClient.MeAsync(app, token)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var after = await UserAdminClient.ReadAsync(app, id);
        (after.DisabledAt, after.MustChangePassword).Should().Be((null, false));
        using var again = await app.SignedInClientAsync(userName);
    }

    [Fact]
    public async Task An_admin_gets_not_found_for_a_user_of_another_province_and_changes_nothing()
    {
        await using var other = await OtherProvince.CreateAsync(app);
        var before = await UserAdminClient.ReadAsync(app, other.UserId);

        using (var browser = await app.SignedInClientAsync(DemoAccounts.Admin))
        using (var page = await browser.GetAsync($"/admin/users/{other.UserId}"))
        {
            page.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await page.Content.ReadAsStringAsync()).Should().NotContain(other.UserName);
        }

        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);
        var users = admin.Get<UserAdmin>();
        var queries = admin.Get<UserQueries>();
        (await queries.FindAsync(other.UserId)).Should().BeNull();
        var form = new UserForm { DisplayName = "Đổi tên", Role = AppRoles.ProvinceViewer };
        var changes = new Dictionary<string, UserChange>
        {
            ["save"] = await users.UpdateAsync(other.UserId, form),
            ["reset"] = await users.ResetPasswordAsync(other.UserId),
            ["disable"] = await users.DisableAsync(other.UserId),
            ["enable"] = await users.EnableAsync(other.UserId),
            ["unlock"] = await users.UnlockAsync(other.UserId),
            ["two-factor"] = await users.TurnOffTwoFactorAsync(other.UserId),
            ["sessions"] = await users.EndAllSessionsAsync(other.UserId),
        };
        changes.Should().AllSatisfy(c => (c.Value.Error, c.Value.Password).Should().Be((UserError.NotFound, (string?)null), c.Key));

        var after = await UserAdminClient.ReadAsync(app, other.UserId);
        (after.DisplayName, after.SecurityStamp, after.PasswordHash, after.DisabledAt, after.MustChangePassword)
            .Should().Be((before.DisplayName, before.SecurityStamp, before.PasswordHash, before.DisabledAt, before.MustChangePassword));
        (await queries.ListAsync(new UserFilter("ngoai", null, null, 1))).Users.Should().NotContain(u => u.Id == other.UserId);
        (await queries.ListAsync(new UserFilter(null, other.CommuneId, null, 1))).Users.Should().BeEmpty();
        (await queries.CommunesAsync()).Should().NotContain(c => c.Id == other.CommuneId);
        (await users.CreateAsync(new UserForm { IsNew = true, UserName = "thu.ngoai", DisplayName = "A", Role = AppRoles.IntakeOfficer, CommuneId = other.CommuneId }))
            .Error.Should().Be(UserError.CommuneInvalid);
    }

    [Fact]
    public async Task Another_provinces_admin_reaches_none_of_this_provinces_users_nor_its_audit_entries()
    {
        await using var other = await OtherProvince.CreateAsync(app);
        var (id, _) = await UserAdminClient.SeedUserAsync(app, AppRoles.IntakeOfficer, app.CommuneOne);
        var before = await UserAdminClient.ReadAsync(app, id);
        await using var admin = await AsUser.CreateAsync(app, other.AdminName);
        var users = admin.Get<UserAdmin>();
        var queries = admin.Get<UserQueries>();

        (await queries.FindAsync(id)).Should().BeNull();
        (await queries.ListAsync(new UserFilter(null, null, null, 1))).Users.Select(u => u.Id).Should().BeEquivalentTo([other.UserId, (await TestAccounts.FindAsync(app, other.AdminName)).Id]);
        (await queries.CommunesAsync()).Select(c => c.Id).Should().Equal(other.CommuneId);
        foreach (var change in new[]
                 {
                     await users.UpdateAsync(id, new UserForm { DisplayName = "Đổi tên", Role = AppRoles.ProvinceViewer }),
                     await users.ResetPasswordAsync(id),
                     await users.DisableAsync(id),
                     await users.EnableAsync(id),
                     await users.UnlockAsync(id),
                     await users.TurnOffTwoFactorAsync(id),
                     await users.EndAllSessionsAsync(id),
                     await users.CreateAsync(new UserForm { IsNew = true, UserName = "thu.khac", DisplayName = "A", Role = AppRoles.IntakeOfficer, CommuneId = app.CommuneOne }),
                 })
        {
            change.Succeeded.Should().BeFalse();
            change.Password.Should().BeNull();
        }

        var after = await UserAdminClient.ReadAsync(app, id);
        (after.DisplayName, after.SecurityStamp, after.PasswordHash, after.DisabledAt).Should().Be((before.DisplayName, before.SecurityStamp, before.PasswordHash, before.DisabledAt));

        var entries = await admin.Get<AuditQueries>().SearchAsync(new AuditFilter(DemoAccounts.Admin, null, null, null, null, 1));
        entries.Entries.Should().BeEmpty("the demo province's administrator is another province's user");
        (await admin.Get<AuditQueries>().SearchAsync(new AuditFilter(null, null, null, null, null, 1))).Entries
            .Should().OnlyContain(e => e.ProvinceId == other.ProvinceId || (e.ProvinceId == null && e.CommuneId == null));
    }

    [Fact]
    public async Task Users_who_are_not_administrators_get_nothing_from_the_admin_services()
    {
        var (id, _) = await UserAdminClient.SeedUserAsync(app, AppRoles.IntakeOfficer, app.CommuneTwo);
        foreach (var who in new[] { DemoAccounts.Province, DemoAccounts.Lead, DemoAccounts.Committee })
        {
            await using var user = await AsUser.CreateAsync(app, who);
            var queries = user.Get<UserQueries>();
            (await queries.FindAsync(id)).Should().BeNull(who);
            (await queries.ListAsync(new UserFilter(null, null, null, 1))).Total.Should().Be(0, who);
            (await queries.CommunesAsync()).Should().BeEmpty(who);
            (await user.Get<UserAdmin>().DisableAsync(id)).Error.Should().Be(UserError.NotFound, who);
            (await user.Get<UserAdmin>().CreateAsync(new UserForm { IsNew = true, UserName = "thu.tu." + who.Replace(".", string.Empty, StringComparison.Ordinal), DisplayName = "A", Role = AppRoles.Admin }))
                .Error.Should().Be(UserError.NotFound, who);
            (await user.Get<AuditQueries>().SearchAsync(new AuditFilter(null, null, null, null, null, 1))).Entries.Should().BeEmpty(who);
            (await user.Get<AuditQueries>().VerifyAsync()).Should().BeNull(who);
            (await user.Get<CampaignService>().LoadAsync()).Should().BeNull(who);
        }

        (await UserAdminClient.ReadAsync(app, id)).DisabledAt.Should().BeNull();
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = app.SystemContext();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : UserAccessTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : UserAccessTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : UserAccessTests(app);
}
