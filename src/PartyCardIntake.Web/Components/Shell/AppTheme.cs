using MudBlazor;

namespace PartyCardIntake.Web.Components.Shell;

/// <summary>
/// The product's colours. Every text colour on its background passes WCAG AA (4.5:1); the ratios are
/// checked in ThemeContrastTests, so a changed colour cannot slip below it.
/// </summary>
public static class AppTheme
{
    /// <summary>Party red, darker than the flag so that white text on it reads at 7.9:1.</summary>
    public const string Brand = "#a4161a";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Brand,
            PrimaryContrastText = "#ffffff",
            Secondary = "#1d4e89",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#7a5200",
            Info = "#0b5cad",
            Success = "#1b6e2a",
            Warning = "#8a4b00",
            Error = "#b3261e",
            AppbarBackground = Brand,
            AppbarText = "#ffffff",
            Background = "#f6f5f3",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#2b2b2b",
            DrawerIcon = "#5a5a5a",
            TextPrimary = "#1f1f1f",
            TextSecondary = "#555555",
            ActionDefault = "#555555",
            LinesDefault = "#e3e1dd",
            TableLines = "#e3e1dd",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Be Vietnam Pro", "DejaVu Sans", "Arial", "sans-serif"],
                FontSize = ".9rem",
                LineHeight = "1.5",
            },
            H1 = new H1Typography { FontSize = "1.6rem", FontWeight = "600", LineHeight = "1.25" },
            H2 = new H2Typography { FontSize = "1.35rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontSize = "1.15rem", FontWeight = "600", LineHeight = "1.35" },
            H4 = new H4Typography { FontSize = "1.05rem", FontWeight = "600", LineHeight = "1.4" },
            H5 = new H5Typography { FontSize = "1rem", FontWeight = "600", LineHeight = "1.4" },
            H6 = new H6Typography { FontSize = ".95rem", FontWeight = "600", LineHeight = "1.4" },
            Button = new ButtonTypography { FontWeight = "500", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
            DrawerWidthLeft = "248px",
            AppbarHeight = "56px",
        },
    };
}
