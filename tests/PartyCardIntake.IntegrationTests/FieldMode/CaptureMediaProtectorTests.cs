using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Web.Features.FieldMode;

namespace PartyCardIntake.IntegrationTests.FieldMode;

/// <summary>The media protector alone: untouched on a station, a round trip on a laptop, and nothing without the keys.</summary>
public sealed class CaptureMediaProtectorTests
{
    private static readonly byte[] Image = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5];

    [Fact]
    public void On_a_station_the_bytes_are_handed_back_without_a_copy()
    {
        var protector = new CaptureMediaProtector(Options.Create(new FieldOptions()), new FieldSecrets());

        protector.Protect(Image).Should().BeSameAs(Image);
        protector.Unprotect(Image).Should().BeSameAs(Image);
        protector.ProtectText("[]").Should().BeSameAs("[]");
    }

    [Fact]
    public void On_a_laptop_the_bytes_are_encrypted_and_come_back_whole_and_an_altered_byte_is_refused()
    {
        var secrets = new FieldSecrets();
        secrets.Hold(new FieldKeys(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), [], []));
        var protector = new CaptureMediaProtector(Options.Create(new FieldOptions { Enabled = true }), secrets);

        var stored = protector.Protect(Image);
        var text = protector.ProtectText("[{\"points\":[]}]");

        stored.AsSpan().IndexOf(Image.AsSpan(0, 3)).Should().Be(-1);
        protector.Unprotect(stored).Should().Equal(Image);
        text.Should().NotContain("points");
        protector.UnprotectText(text).Should().Be("[{\"points\":[]}]");
        stored[^1] ^= 1;
        FluentActions.Invoking(() => protector.Unprotect(stored)).Should().Throw<System.Security.Cryptography.AuthenticationTagMismatchException>();
    }

    [Fact]
    public void Without_the_officers_keys_nothing_is_written_or_read()
    {
        var secrets = new FieldSecrets();
        secrets.Hold(new FieldKeys(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), [], []));
        var protector = new CaptureMediaProtector(Options.Create(new FieldOptions { Enabled = true }), secrets);
        var stored = protector.Protect(Image);
        secrets.Forget();

        FluentActions.Invoking(() => protector.Protect(Image)).Should().Throw<FieldLockedException>();
        FluentActions.Invoking(() => protector.Unprotect(stored)).Should().Throw<FieldLockedException>();
    }
}
