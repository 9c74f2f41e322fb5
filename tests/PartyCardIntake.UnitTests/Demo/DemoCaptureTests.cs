using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Media;

namespace PartyCardIntake.UnitTests.Demo;

/// <summary>The demo's shared photo and signature must pass the same checks as a capture from the desk.</summary>
public class DemoCaptureTests
{
    private static readonly DemoCapture Capture = DemoCapture.Instance;

    [Fact]
    public void The_photo_is_a_clean_600_by_800_jpeg_that_the_desk_accepts()
    {
        var check = PhotoValidator.Validate(Capture.Photo, PhotoRules.Default);

        check.IsValid.Should().BeTrue(check.Detail);
        (check.Width, check.Height).Should().Be((600, 800));
        check.Jpeg.Should().Equal(Capture.Photo, "there is no metadata to remove");
        check.Sha256.Should().Be(Capture.PhotoSha256);
    }

    [Fact]
    public void The_signature_and_its_strokes_are_accepted_as_a_real_signature()
    {
        var check = SignatureValidator.Validate(Capture.Signature, Capture.SignatureStrokes, SignatureRules.Default);

        check.IsValid.Should().BeTrue(check.Detail);
        (check.Width, check.Height).Should().Be((600, 200));
        check.Sha256.Should().Be(Capture.SignatureSha256);
    }

    [Fact]
    public void Photo_and_signature_stay_small_since_every_demo_record_carries_them()
    {
        (Capture.Photo.Length + Capture.Signature.Length + Capture.SignatureStrokes.Length).Should().BeLessThan(20_000);
    }
}
