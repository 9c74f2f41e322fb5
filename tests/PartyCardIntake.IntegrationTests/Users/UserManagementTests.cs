using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Users;

namespace PartyCardIntake.IntegrationTests.Users;

/// <summary>An Admin creates, lists and edits the users of their province, through the services the user pages call.</summary>
public abstract class UserManagementTests(AppFixture app)
{
    [Fact]
    public async Task A_created_user_signs_in_with_the_password_shown_once_and_must_change_it()
    {
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);
        var userName = "can.bo_" + Guid.NewGuid().ToString("N")[..6];
        var since = await LastAuditIdAsync();

        var change = await admin.Get<UserAdmin>().CreateAsync(new UserForm { IsNew = true, UserName = userName, DisplayName = "Nguyễn Thị Thử", Role = AppRoles.IntakeOfficer, CommuneId = app.CommuneOne });

        change.Succeeded.Should().BeTrue();
        var password = change.Password!;
        password.Replace("-", string.Empty, StringComparison.Ordinal).Should().HaveLength(16)
            .And.Subject.Should().MatchRegex($"^[{TemporaryPassword.Alphabet}]+$");

        await using (var db = app.SystemContext())
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
            user.Id.Should().Be(change.UserId);
            (user.DisplayName, user.CommuneId, user.MustChangePassword, user.DisabledAt).Should().Be(("Nguyễn Thị Thử", app.CommuneOne, true, null));
            user.ProvinceId.Should().Be(await db.Communes.Where(c => c.Id == app.CommuneOne).Select(c => c.ProvinceId).SingleAsync());
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            roles.Should().Equal(AppRoles.IntakeOfficer);

            var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Id > since && e.Action == AuditAction.Admin).SingleAsync();
            entry.Target.Should().Contain($"user={user.Id} created").And.NotContain(password).And.NotContain(userName);
            (entry.UserName, entry.Address).Should().Be((DemoAccounts.Admin, "10.9.8.7"));
        }

        // The password is kept nowhere: the list and the user's record do not carry it.
        var listed = await admin.Get<UserQueries>().ListAsync(new UserFilter(userName, null, null, 1));
        listed.Users.Should().ContainSingle(u => u.UserName == userName).Which.MustChangePassword.Should().BeTrue();

        using var newcomer = app.CreateBrowserClient();
        await SignInClient.SignInAsync(newcomer, userName, password);
    }

    [Theory]
    [InlineData("demo.officer", AppRoles.IntakeOfficer, "commune", UserError.NameTaken)]
    [InlineData("DEMO.Officer", AppRoles.IntakeOfficer, "commune", UserError.NameTaken)]
    [InlineData("nguyễn.văn.a", AppRoles.IntakeOfficer, "commune", UserError.NameInvalid)]
    [InlineData("nguyen van a", AppRoles.IntakeOfficer, "commune", UserError.NameInvalid)]
    [InlineData("ab", AppRoles.IntakeOfficer, "commune", UserError.NameInvalid)]
    [InlineData("a@b.vn", AppRoles.IntakeOfficer, "commune", UserError.NameInvalid)]
    [InlineData("thu.moi", AppRoles.IntakeOfficer, "none", UserError.CommuneRequired)]
    [InlineData("thu.moi", AppRoles.StationLead, "foreign", UserError.CommuneInvalid)]
    [InlineData("thu.moi", AppRoles.StationLead, "missing", UserError.CommuneInvalid)]
    [InlineData("thu.moi", AppRoles.ProvinceViewer, "commune", UserError.CommuneForbidden)]
    [InlineData("thu.moi", "Superuser", "commune", UserError.RoleInvalid)]
    public async Task Wrong_input_is_refused_with_its_reason_and_nothing_is_saved(string userName, string role, string commune, UserError error)
    {
        await using var other = await OtherProvince.CreateAsync(app);
        int? communeId = commune switch { "commune" => app.CommuneOne, "foreign" => other.CommuneId, "missing" => int.MaxValue, _ => null };
        var before = await UserCountAsync();
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);

        var change = await admin.Get<UserAdmin>().CreateAsync(new UserForm { IsNew = true, UserName = userName, DisplayName = "Người Thử", Role = role, CommuneId = communeId });

        change.Error.Should().Be(error);
        change.Password.Should().BeNull();
        (await UserCountAsync()).Should().Be(before);
        UserErrors.Message(error).Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Refusals_are_written_in_vietnamese_beside_their_field()
    {
        (UserErrors.Message(UserError.NameTaken), UserErrors.Field(UserError.NameTaken)).Should().Be(("Tên đăng nhập này đã được dùng. Vui lòng chọn tên khác.", "UserName"));
        (UserErrors.Message(UserError.CommuneInvalid), UserErrors.Field(UserError.CommuneInvalid)).Should().Be(("Xã/phường đã chọn không thuộc tỉnh của bạn.", "CommuneId"));
        (UserErrors.Message(UserError.Self), UserErrors.Field(UserError.Self)).Should().Be(("Bạn không thể thực hiện thao tác này với chính tài khoản của mình.", null));
        foreach (var error in Enum.GetValues<UserError>())
        {
            UserErrors.Message(error).Should().NotBeNullOrWhiteSpace();
        }

        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_list_filters_by_commune_role_and_name_without_diacritics_and_pages()
    {
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);
        var queries = admin.Get<UserQueries>();

        var all = await queries.ListAsync(new UserFilter(null, null, null, 1));
        all.Users.Select(u => u.UserName).Should().Contain([DemoAccounts.Officer, DemoAccounts.Officer2, DemoAccounts.Province]);
        all.Users.Should().Contain(u => u.IsActive);

        (await queries.ListAsync(new UserFilter(null, app.CommuneTwo, null, 1))).Users.Select(u => u.UserName).Should().Contain(DemoAccounts.Officer2).And.NotContain(DemoAccounts.Officer);
        (await queries.ListAsync(new UserFilter(null, null, AppRoles.ProvinceViewer, 1))).Users.Select(u => u.UserName).Should().Contain(DemoAccounts.Province).And.NotContain(DemoAccounts.Officer);
        (await queries.ListAsync(new UserFilter("tiep nhan xa 2", null, null, 1))).Users.Select(u => u.UserName).Should().Contain(DemoAccounts.Officer2).And.NotContain(DemoAccounts.Officer);
        (await queries.ListAsync(new UserFilter("khong-co-ai", null, null, 1))).Total.Should().Be(0);

        var first = await queries.ListAsync(new UserFilter(null, null, null, 1, PageSize: 2));
        var second = await queries.ListAsync(new UserFilter(null, null, null, 2, PageSize: 2));
        (first.Users.Count, second.Users.Count, first.Total, first.PageCount).Should().Be((2, 2, all.Total, (all.Total + 1) / 2));
        first.Users.Select(u => u.Id).Should().NotIntersectWith(second.Users.Select(u => u.Id));
        (await queries.ListAsync(new UserFilter(null, null, null, 999, PageSize: 2))).Page.Should().Be(first.PageCount, "a page past the end shows the last one");
    }

    [Fact]
    public async Task The_list_page_answers_a_hand_edited_address()
    {
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);
        using var response = await admin.GetAsync("/admin/users?q=khong-co-ai&commune=x&role=%00&page=y");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Editing_the_display_name_keeps_the_session_and_a_new_commune_ends_it()
    {
        var (id, userName) = await UserAdminClient.SeedUserAsync(app, AppRoles.IntakeOfficer, app.CommuneOne);
        using var user = await app.SignedInClientAsync(userName);
        var stamp = (await UserAdminClient.ReadAsync(app, id)).SecurityStamp;
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);
        var users = admin.Get<UserAdmin>();

        (await users.UpdateAsync(id, Fields("Tên Mới", AppRoles.IntakeOfficer, app.CommuneOne))).Succeeded.Should().BeTrue();
        (await UserAdminClient.ReadAsync(app, id)).Should().Match<AppUser>(u => u.DisplayName == "Tên Mới" && u.SecurityStamp == stamp);
        (await UserAdminClient.HomeRedirectAsync(user)).Should().BeEmpty("a new display name changes no rights");

        // The same page acts again later on the same circuit: each change reads the user afresh.
        (await users.UpdateAsync(id, Fields("Tên Mới", AppRoles.IntakeOfficer, app.CommuneTwo))).Succeeded.Should().BeTrue();
        var after = await UserAdminClient.ReadAsync(app, id);
        after.CommuneId.Should().Be(app.CommuneTwo);
        after.SecurityStamp.Should().NotBe(stamp);
        (await UserAdminClient.SessionCountAsync(app, id)).Should().Be(0);
        (await UserAdminClient.HomeRedirectAsync(user)).Should().Contain("/account/signin");
        (await admin.Get<UserQueries>().FindAsync(id))!.CommuneId.Should().Be(app.CommuneTwo);
    }

    [Fact]
    public async Task A_role_change_ends_the_users_sessions_and_tokens()
    {
        var (id, userName) = await UserAdminClient.SeedUserAsync(app, AppRoles.IntakeOfficer, app.CommuneOne);
        using var user = await app.SignedInClientAsync(userName);
        var token = await UserAdminClient.TokenAsync(app, userName);
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);

        (await admin.Get<UserAdmin>().UpdateAsync(id, Fields("Người dùng thử", AppRoles.ProvinceViewer, null))).Succeeded.Should().BeTrue();

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
        var id = await IdOfAsync(DemoAccounts.Admin);
        await using var admin = await AsUser.CreateAsync(app, DemoAccounts.Admin);
        var users = admin.Get<UserAdmin>();

        (await users.DisableAsync(id)).Error.Should().Be(UserError.Self);
        (await users.ResetPasswordAsync(id)).Error.Should().Be(UserError.Self);
        (await users.EndAllSessionsAsync(id)).Error.Should().Be(UserError.Self);
        (await users.TurnOffTwoFactorAsync(id)).Error.Should().Be(UserError.Self);
        (await users.UpdateAsync(id, Fields("Quản trị tỉnh (demo)", AppRoles.ProvinceViewer, null))).Error.Should().Be(UserError.Self);

        (await UserAdminClient.ReadAsync(app, id)).DisabledAt.Should().BeNull();
        using var browser = await app.SignedInClientAsync(DemoAccounts.Admin);
        (await browser.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK, "the administrator is still signed in and still an administrator");
    }

    private static UserForm Fields(string displayName, string role, int? communeId) => new() { DisplayName = displayName, Role = role, CommuneId = communeId };

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

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : UserManagementTests(app);
}
