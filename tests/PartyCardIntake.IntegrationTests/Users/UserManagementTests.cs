using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Users;

namespace PartyCardIntake.IntegrationTests.Users;

/// <summary>An Admin creates, lists and edits the users of their province.</summary>
public abstract class UserManagementTests(AppFixture app)
{
    [Fact]
    public async Task A_created_user_signs_in_with_the_password_shown_once_and_must_change_it()
    {
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);
        var userName = "can.bo_" + Guid.NewGuid().ToString("N")[..6];
        var since = await LastAuditIdAsync();

        using var response = await UserAdminClient.PostCreateAsync(admin, userName, "Nguyễn Thị Thử", AppRoles.IntakeOfficer, app.CommuneOne);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Đã tạo tài khoản.");
        var password = UserAdminClient.TemporaryPassword(html);
        password.Replace("-", string.Empty, StringComparison.Ordinal).Should().HaveLength(16)
            .And.Subject.Should().MatchRegex($"^[{TemporaryPassword.Alphabet}]+$");

        await using (var db = app.SystemContext())
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
            (user.DisplayName, user.CommuneId, user.MustChangePassword, user.DisabledAt).Should().Be(("Nguyễn Thị Thử", app.CommuneOne, true, null));
            user.ProvinceId.Should().Be(await db.Communes.Where(c => c.Id == app.CommuneOne).Select(c => c.ProvinceId).SingleAsync());
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            roles.Should().Equal(AppRoles.IntakeOfficer);

            var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Id > since && e.Action == AuditAction.Admin).SingleAsync();
            entry.Target.Should().Contain($"user={user.Id} created").And.NotContain(password).And.NotContain(userName);
        }

        // The password is shown once: the user's page does not show it again.
        (await admin.GetStringAsync("/admin/users")).Should().Contain(userName).And.NotContain(password);

        using var newcomer = app.CreateBrowserClient();
        await SignInClient.SignInAsync(newcomer, userName, password);
    }

    [Theory]
    [InlineData("demo.officer", AppRoles.IntakeOfficer, "commune", "Tên đăng nhập này đã được dùng.")]
    [InlineData("DEMO.Officer", AppRoles.IntakeOfficer, "commune", "Tên đăng nhập này đã được dùng.")]
    [InlineData("nguyễn.văn.a", AppRoles.IntakeOfficer, "commune", "Tên đăng nhập chỉ gồm chữ cái không dấu")]
    [InlineData("nguyen van a", AppRoles.IntakeOfficer, "commune", "Tên đăng nhập chỉ gồm chữ cái không dấu")]
    [InlineData("ab", AppRoles.IntakeOfficer, "commune", "Tên đăng nhập chỉ gồm chữ cái không dấu")]
    [InlineData("a@b.vn", AppRoles.IntakeOfficer, "commune", "Tên đăng nhập chỉ gồm chữ cái không dấu")]
    [InlineData("thu.moi", AppRoles.IntakeOfficer, "none", "vui lòng chọn xã/phường")]
    [InlineData("thu.moi", AppRoles.StationLead, "foreign", "Xã/phường đã chọn không thuộc tỉnh của bạn.")]
    [InlineData("thu.moi", AppRoles.ProvinceViewer, "commune", "Vai trò cấp tỉnh không gắn với xã/phường")]
    [InlineData("thu.moi", "Superuser", "commune", "Vui lòng chọn vai trò.")]
    public async Task Wrong_input_is_refused_in_vietnamese_and_nothing_is_saved(string userName, string role, string commune, string message)
    {
        await using var other = await OtherProvince.CreateAsync(app);
        int? communeId = commune switch { "commune" => app.CommuneOne, "foreign" => other.CommuneId, _ => null };
        var before = await UserCountAsync();
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        using var response = await UserAdminClient.PostCreateAsync(admin, userName, "Người Thử", role, communeId);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"user-error\"").And.Contain(message).And.NotContain("temp-password");
        (await UserCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task The_list_filters_by_commune_role_and_name_without_diacritics()
    {
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        var all = await admin.GetStringAsync("/admin/users");
        all.Should().Contain(DemoAccounts.Officer).And.Contain(DemoAccounts.Officer2).And.Contain(DemoAccounts.Province).And.Contain("Đang hoạt động");

        var second = await admin.GetStringAsync($"/admin/users?commune={app.CommuneTwo}");
        second.Should().Contain(DemoAccounts.Officer2).And.NotContain(">" + DemoAccounts.Officer + "<");

        var viewers = await admin.GetStringAsync("/admin/users?role=ProvinceViewer");
        viewers.Should().Contain(DemoAccounts.Province).And.NotContain(DemoAccounts.Officer);

        var found = await admin.GetStringAsync("/admin/users?q=tiep%20nhan%20xa%202");
        found.Should().Contain(DemoAccounts.Officer2).And.NotContain(">" + DemoAccounts.Officer + "<");

        (await admin.GetStringAsync("/admin/users?q=khong-co-ai&commune=x&page=y")).Should().Contain("Không có người dùng nào phù hợp.");
    }

    [Fact]
    public async Task Editing_the_display_name_keeps_the_session_and_a_new_commune_ends_it()
    {
        var (id, userName) = await UserAdminClient.SeedUserAsync(app, AppRoles.IntakeOfficer, app.CommuneOne);
        using var user = await app.SignedInClientAsync(userName);
        var stamp = (await UserAdminClient.ReadAsync(app, id)).SecurityStamp;
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        using var renamed = await UserAdminClient.PostActionAsync(admin, id, "user-save", Fields("Tên Mới", AppRoles.IntakeOfficer, app.CommuneOne));
        renamed.Headers.Location!.ToString().Should().EndWith($"/admin/users/{id}?done=saved");
        (await UserAdminClient.ReadAsync(app, id)).Should().Match<PartyCardIntake.Core.Identity.AppUser>(u => u.DisplayName == "Tên Mới" && u.SecurityStamp == stamp);
        (await UserAdminClient.HomeRedirectAsync(user)).Should().BeEmpty("a new display name changes no rights");

        using var moved = await UserAdminClient.PostActionAsync(admin, id, "user-save", Fields("Tên Mới", AppRoles.IntakeOfficer, app.CommuneTwo));
        moved.Headers.Location!.ToString().Should().EndWith($"/admin/users/{id}?done=saved");
        var after = await UserAdminClient.ReadAsync(app, id);
        after.CommuneId.Should().Be(app.CommuneTwo);
        after.SecurityStamp.Should().NotBe(stamp);
        (await UserAdminClient.SessionCountAsync(app, id)).Should().Be(0);
        (await UserAdminClient.HomeRedirectAsync(user)).Should().Contain("/account/signin");
        (await admin.GetStringAsync($"/admin/users/{id}?done=saved")).Should().Contain("Đã lưu thông tin tài khoản.");
    }

    [Fact]
    public async Task A_role_change_ends_the_users_sessions_and_tokens()
    {
        var (id, userName) = await UserAdminClient.SeedUserAsync(app, AppRoles.IntakeOfficer, app.CommuneOne);
        using var user = await app.SignedInClientAsync(userName);
        var token = await UserAdminClient.TokenAsync(app, userName);
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        using var response = await UserAdminClient.PostActionAsync(admin, id, "user-save", Fields("Người dùng thử", AppRoles.ProvinceViewer, null));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = app.SystemContext())
        {
            var roles = await db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            roles.Should().Equal(AppRoles.ProvinceViewer);
            (await db.Users.SingleAsync(u => u.Id == id)).CommuneId.Should().BeNull();
        }

        (await UserAdminClient.HomeRedirectAsync(user)).Should().Contain("/account/signin");
        using var me = await UserAdminClient.MeAsync(app, token);
        me.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await UserAdminClient.MeAsync(app, await UserAdminClient.TokenAsync(app, userName))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themself_nor_change_their_own_role()
    {
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);
        var id = await IdOfAsync(DemoAccounts.Admin);
        var own = await admin.GetStringAsync($"/admin/users/{id}");
        own.Should().Contain("Đây là tài khoản của bạn").And.MatchRegex("<form method=\"post\" hidden [^>]*><input type=\"hidden\" name=\"_handler\" value=\"user-disable\"");

        using var disable = await UserAdminClient.PostActionAsync(admin, id, "user-disable");
        disable.StatusCode.Should().Be(HttpStatusCode.OK);
        (await disable.Content.ReadAsStringAsync()).Should().Contain("Bạn không thể thực hiện thao tác này với chính tài khoản của mình.");

        using var demote = await UserAdminClient.PostActionAsync(admin, id, "user-save", Fields("Quản trị tỉnh (demo)", AppRoles.ProvinceViewer, null));
        (await demote.Content.ReadAsStringAsync()).Should().Contain("Bạn không thể thực hiện thao tác này với chính tài khoản của mình.");

        (await UserAdminClient.ReadAsync(app, id)).DisabledAt.Should().BeNull();
        (await admin.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK, "the administrator is still signed in and still an administrator");
    }

    private static Dictionary<string, string> Fields(string displayName, string role, int? communeId) => new()
    {
        ["Input.DisplayName"] = displayName,
        ["Input.Role"] = role,
        ["Input.CommuneId"] = communeId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private async Task<int> UserCountAsync()
    {
        await using var db = app.SystemContext();
        return await db.Users.CountAsync();
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = app.SystemContext();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private async Task<string> IdOfAsync(string userName)
    {
        await using var db = app.SystemContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : UserManagementTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : UserManagementTests(app);
}
