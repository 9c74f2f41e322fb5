using System.Text.RegularExpressions;
using QRCoder;

namespace PartyCardIntake.Web.Features.Account;

/// <summary>
/// A QR code as SVG markup to put into the page itself: the Content-Security-Policy allows neither data: images
/// of our own making nor inline styles, and an SVG element needs neither.
/// </summary>
internal static partial class QrSvg
{
    public static string Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(new System.Drawing.Size(240, 240), "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);

        // QRCoder writes presentation attributes today; a style attribute from a later version would break the policy.
        return StyleAttribute().Replace(svg, string.Empty);
    }

    [GeneratedRegex("""\s+style="[^"]*"|\s+style='[^']*'""")]
    private static partial Regex StyleAttribute();
}
