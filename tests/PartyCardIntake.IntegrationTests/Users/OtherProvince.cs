using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Users;

/// <summary>
/// A second province with one commune and one officer, for the time of one test: the shared demo database has a
/// single province, and other tests rely on that, so it is removed again afterwards.
/// </summary>
internal sealed class OtherProvince : IAsyncDisposable
{
    private readonly AppFixture _app;

    private OtherProvince(AppFixture app, int provinceId, int communeId, string userId, string userName, string adminName)
    {
        _app = app;
        ProvinceId = provinceId;
        CommuneId = communeId;
        UserId = userId;
        UserName = userName;
        AdminName = adminName;
    }

    public int ProvinceId { get; }

    public int CommuneId { get; }

    public string UserId { get; }

    public string UserName { get; }

    /// <summary>The other province's own administrator, for tests that call the admin services as them.</summary>
    public string AdminName { get; }

    public static async Task<OtherProvince> CreateAsync(AppFixture app)
    {
        var suffix = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var province = new Province { Code = "P" + suffix, Name = "Tỉnh Khác" };
        await using (var db = app.SystemContext())
        {
            db.Provinces.Add(province);
            await db.SaveChangesAsync();
            province.Communes.Add(new Commune { ProvinceId = province.Id, Code = "C" + suffix, Name = "Xã Ngoài Tỉnh" });
            await db.SaveChangesAsync();
        }

        var communeId = province.Communes[0].Id;
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "ngoai." + suffix, DisplayName = "Cán bộ tỉnh khác", ProvinceId = province.Id, CommuneId = communeId, LockoutEnabled = true };
        (await users.CreateAsync(user, PartyCardAppFactory.DemoPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, AppRoles.IntakeOfficer)).Succeeded.Should().BeTrue();
        var admin = new AppUser { UserName = "qtngoai." + suffix, DisplayName = "Quản trị tỉnh khác", ProvinceId = province.Id, LockoutEnabled = true };
        (await users.CreateAsync(admin, PartyCardAppFactory.DemoPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(admin, AppRoles.Admin)).Succeeded.Should().BeTrue();
        return new OtherProvince(app, province.Id, communeId, user.Id, user.UserName, admin.UserName);
    }

    public async ValueTask DisposeAsync()
    {
        await using var db = _app.SystemContext();
        await db.Users.Where(u => u.ProvinceId == ProvinceId).ExecuteDeleteAsync();
        await db.Communes.Where(c => c.ProvinceId == ProvinceId).ExecuteDeleteAsync();
        await db.Provinces.Where(p => p.Id == ProvinceId).ExecuteDeleteAsync();
    }
}
