namespace PartyCardIntake.Web.Components.Print;

/// <summary>
/// The print style sheet (print.css, embedded in the assembly). It goes inline into each document:
/// Chromium receives the HTML as a string with no address to fetch a style sheet from.
/// </summary>
public static class PrintStyles
{
    private static readonly Lazy<string> Sheet = new(() =>
    {
        using var stream = typeof(PrintStyles).Assembly.GetManifestResourceStream("PartyCardIntake.Web.Print.css")
            ?? throw new InvalidOperationException("The embedded print style sheet is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Css => Sheet.Value;
}
