using PartyCardIntake.Infrastructure.Media;

namespace PartyCardIntake.Web.Features.Desk;

/// <summary>Section "Media": the rules a photo and a signature must meet.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    public PhotoRules Photo { get; set; } = PhotoRules.Default;

    public SignatureRules Signature { get; set; } = SignatureRules.Default;
}
