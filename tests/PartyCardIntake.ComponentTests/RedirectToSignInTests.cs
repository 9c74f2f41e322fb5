using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PartyCardIntake.Web.Components.Shell;

namespace PartyCardIntake.ComponentTests;

/// <summary>What a circuit shows when a page refuses its user: sign-in for nobody, a refusal for a signed-in user.</summary>
public sealed class RedirectToSignInTests : BunitContext
{
    public RedirectToSignInTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void A_circuit_whose_session_ended_goes_to_sign_in_with_a_full_load_and_the_way_back()
    {
        AddAuthorization();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/members?cell=3");

        Render<RedirectToSignIn>();

        var last = Services.GetRequiredService<BunitNavigationManager>().History.First();
        last.Uri.Should().Be("/account/signin?ReturnUrl=%2Fmembers%3Fcell%3D3");
        last.Options.ForceLoad.Should().BeTrue("the sign-in page is static: the circuit cannot render it");
    }

    [Fact]
    public void A_signed_in_user_without_the_role_sees_the_refusal_and_stays()
    {
        AddAuthorization().SetAuthorized("canbo");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        var before = navigation.History.Count;

        var cut = Render<RedirectToSignIn>();

        cut.Find("[data-testid=access-denied]").TextContent.Should().Contain("Không có quyền truy cập");
        navigation.History.Count.Should().Be(before);
    }
}
