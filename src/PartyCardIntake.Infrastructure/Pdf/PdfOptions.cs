namespace PartyCardIntake.Infrastructure.Pdf;

/// <summary>Section "Pdf": the headless Chromium that prints documents.</summary>
public sealed class PdfOptions
{
    public const string Section = "Pdf";

    /// <summary>Environment variable that names the Chromium executable when the configuration does not.</summary>
    public const string ChromiumVariable = "PARTYCARD_CHROMIUM";

    /// <summary>Chromium executable; Debian's package by default.</summary>
    public string ChromiumPath { get; set; } = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>
    /// Pages printed at the same time. Each open page costs Chromium memory and a core while it lays out;
    /// a commune server has few cores, and a desk's request must not wait behind a burst of printing.
    /// </summary>
    public int MaxConcurrentPages { get; set; } = 2;

    /// <summary>Longest wait for a free page and, separately, for one document to print.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for Chromium to start.</summary>
    public TimeSpan LaunchTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
