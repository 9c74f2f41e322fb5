using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.IntegrationTests.Hosting;

public class IdNumberMaskTests
{
    [Theory]
    [InlineData("/mock-registry/v1/citizens/025055000123", "/mock-registry/v1/citizens/025******123")]
    [InlineData("/members/1234", "/members/1234")]
    [InlineData("/desk/members/42/check", "/desk/members/42/check")]
    [InlineData("/x/0250550001234", "/x/0250550001234")]
    public void Logged_paths_do_not_carry_id_numbers(string path, string logged)
    {
        IdNumberMask.Apply(path).Should().Be(logged);
    }
}
