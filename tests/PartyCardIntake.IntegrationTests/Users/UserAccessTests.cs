using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Users;

/// <summary>What an Admin's disable, enable, reset and unlock do to a user's sign-ins, and that they reach only their own province.</summary>
public abstract class UserAccessTests(AppFixture app)
{
    [Fact]
    public async Task Disabling_a_user_ends_their_session_and_token_and_refuses_sign_in_until_enabled()
    {
        var (id, userName) = await UserAdminClient.SeedUserAsync(app, AppRoles.IntakeOfficer, app.CommuneOne);
        using var user = await app.SignedInClientAsync(userName);
        var token = await UserAdminClient.TokenAsync(app, userName);
        (await UserAdminClient.MeAsync(app, token)).StatusCode.Should().Be(HttpStatusCode.OK);
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);
        var since = await LastAuditIdAsync();

        using var disable = await UserAdminClient.PostActionAsync(admin, id, "user-disable");

        disable.Headers.Location!.ToString().Should().EndWith($"/admin/users/{id}?done=disabled");
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

        (await admin.GetStringAsync("/admin/users?q=" + userName)).Should().Contain("Đã vô hiệu hóa");

        using var enable = await UserAdminClient.PostActionAsync(admin, id, "user-enable");
        enable.Headers.Location!.ToString().Should().EndWith($"/admin/users/{id}?done=enabled");
        (await UserAdminClient.ReadAsync(app, id)).DisabledAt.Should().BeNull();
        using var back = await app.SignedInClientAsync(userName);
        (await UserAdminClient.HomeRedirectAsync(back)).Should().BeEmpty();
        (await UserAdminClient.MeAsync(app, await UserAdminClient.TokenAsync(app, userName))).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var db = app.SystemContext();
        var targets = await db.AuditEntries.AsNoTracking().Where(e => e.Id > since && e.Action == AuditAction.Admin).OrderBy(e => e.Id).Select(e => e.Target).ToListAsync();
        targets.Should().HaveCount(2);
        targets[0].Should().StartWith("POST /admin/users/").And.EndWith($" user={id} disabled → 302");
        targets[1].Should().StartWith("POST /admin/users/").And.EndWith($" user={id} enabled → 302");
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

        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);
        (await admin.GetStringAsync($"/admin/users/{id}")).Should().Contain("Đang bị khóa");

        using var reset = await UserAdminClient.PostActionAsync(admin, id, "user-reset");

        reset.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await reset.Content.ReadAsStringAsync();
        var password = UserAdminClient.TemporaryPassword(html);
        html.Should().NotContain("data-testid=\"state-locked\"");
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
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        using var unlock = await UserAdminClient.PostActionAsync(admin, id, "user-unlock");

        unlock.Headers.Location!.ToString().Should().EndWith($"/admin/users/{id}?done=unlocked");
        (await UserAdminClient.ReadAsync(app, id)).LockoutEnd.Should().BeNull();
        using var user = await app.SignedInClientAsync(userName);
    }

    [Fact]
    public async Task An_admin_gets_not_found_for_a_user_of_another_province_and_changes_nothing()
    {
        await using var other = await OtherProvince.CreateAsync(app);
        var before = await UserAdminClient.ReadAsync(app, other.UserId);
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        using (var page = await admin.GetAsync($"/admin/users/{other.UserId}"))
        {
            page.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await page.Content.ReadAsStringAsync()).Should().NotContain(other.UserName);
        }

        var fields = new Dictionary<string, string> { ["Input.DisplayName"] = "Đổi tên", ["Input.Role"] = AppRoles.ProvinceViewer, ["Input.CommuneId"] = string.Empty };
        foreach (var form in new[] { "user-save", "user-reset", "user-disable", "user-enable", "user-unlock", "user-two-factor" })
        {
            using var response = await UserAdminClient.PostActionAsync(admin, other.UserId, form, fields, tokenPage: "/admin/users");
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, form);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("temp-password", form);
        }

        var after = await UserAdminClient.ReadAsync(app, other.UserId);
        (after.DisplayName, after.SecurityStamp, after.PasswordHash, after.DisabledAt, after.MustChangePassword)
            .Should().Be((before.DisplayName, before.SecurityStamp, before.PasswordHash, before.DisabledAt, before.MustChangePassword));
        (await admin.GetStringAsync("/admin/users?q=ngoai")).Should().NotContain(other.UserName);
        (await admin.GetStringAsync($"/admin/users?commune={other.CommuneId}")).Should().NotContain(other.UserName);
        (await admin.GetStringAsync("/admin/users/new")).Should().NotContain("Xã Ngoài Tỉnh");
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
}
