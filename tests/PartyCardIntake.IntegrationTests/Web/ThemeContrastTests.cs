using System.Globalization;
using PartyCardIntake.Web.Components.Shell;

namespace PartyCardIntake.IntegrationTests.Web;

/// <summary>The theme's text colours on their backgrounds pass WCAG AA (4.5:1 for body text).</summary>
public sealed class ThemeContrastTests
{
    public static TheoryData<string, string, string> Pairs()
    {
        var p = AppTheme.Theme.PaletteLight;
        static string H(MudBlazor.Utilities.MudColor color) => color.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex);
        return new()
        {
            { "app bar text", H(p.AppbarText), H(p.AppbarBackground) },
            { "primary button", H(p.PrimaryContrastText), H(p.Primary) },
            { "secondary button", H(p.SecondaryContrastText), H(p.Secondary) },
            { "body text", H(p.TextPrimary), H(p.Background) },
            { "secondary text", H(p.TextSecondary), H(p.Background) },
            { "secondary text on cards", H(p.TextSecondary), H(p.Surface) },
            { "links", H(p.Primary), H(p.Surface) },
            { "drawer text", H(p.DrawerText), H(p.DrawerBackground) },
            { "error text", H(p.Error), H(p.Surface) },
            { "warning text", H(p.Warning), H(p.Surface) },
            { "success text", H(p.Success), H(p.Surface) },
            { "info text", H(p.Info), H(p.Surface) },
        };
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Text_colours_reach_4_5_to_1(string what, string foreground, string background)
    {
        Contrast(foreground, background).Should().BeGreaterThanOrEqualTo(4.5, "{0}: {1} on {2}", what, foreground, background);
    }

    [Fact]
    public void The_check_itself_knows_a_failing_pair()
    {
        // The old header links: light pink on the brand red, 3.2:1.
        Contrast("#f4a3a5", "#a4161a").Should().BeLessThan(4.5);
        Contrast("#000000", "#ffffff").Should().BeApproximately(21, 0.01);
    }

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        var rgb = hex.TrimStart('#');
        double Channel(int i)
        {
            var c = int.Parse(rgb.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(1)) + (0.0722 * Channel(2));
    }
}
