using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Components.Layout;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.ComponentTests;

/// <summary>The drawer shows each role its own pages and no other (the pages check the same policies again).</summary>
public sealed class NavMenuTests : BunitContext
{
    public static TheoryData<string, bool, string[], string[]> Roles() => new()
    {
        { AppRoles.IntakeOfficer, true, ["/", "/desk", "/planning", "/home-visits/mine", "/members"], ["/review", "/sites", "/cells", "/admin/users", "/province"] },
        { AppRoles.StationLead, true, ["/", "/desk", "/review", "/transmission", "/planning", "/home-visits", "/members", "/sites", "/reports/daily"], ["/cells", "/members/worklist", "/admin/users", "/province"] },
        { AppRoles.WardCommittee, true, ["/", "/planning", "/home-visits", "/members", "/cells", "/members/worklist", "/reports/daily"], ["/desk", "/review", "/sites", "/admin/users", "/province"] },
        { AppRoles.ProvinceViewer, false, ["/", "/province"], ["/desk", "/members", "/campaign", "/admin/users", "/admin/audit"] },
        { AppRoles.Admin, false, ["/", "/province", "/campaign", "/admin/users", "/admin/audit"], ["/desk", "/members", "/cells", "/sites"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void Each_role_sees_its_own_items(string role, bool commune, string[] shown, string[] hidden)
    {
        SignIn(role, commune);

        var links = Render<NavMenu>().FindAll("a").Select(a => a.GetAttribute("href")).ToList();

        links.Should().BeEquivalentTo(shown, "the menu of a {0}", role);
        links.Should().NotContain(hidden);
    }

    [Fact]
    public void A_user_without_a_commune_or_province_sees_only_home()
    {
        SignIn(AppRoles.IntakeOfficer, commune: false, province: false);

        Render<NavMenu>().FindAll("a").Select(a => a.GetAttribute("href")).Should().Equal("/");
    }

    private void SignIn(string role, bool commune, bool province = true)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "u1"), new(ClaimTypes.Name, "canbo"), new(ClaimTypes.Role, role) };
        if (commune)
        {
            claims.Add(new(ScopeClaims.Commune, "7"));
        }

        if (province)
        {
            claims.Add(new(ScopeClaims.Province, "1"));
        }

        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) } };
        Services.AddSingleton<IHttpContextAccessor>(http);
        Services.AddScoped<CurrentUser>();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
