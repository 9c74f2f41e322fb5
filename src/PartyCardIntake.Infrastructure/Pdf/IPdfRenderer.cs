namespace PartyCardIntake.Infrastructure.Pdf;

/// <summary>
/// Prints a complete, self-contained HTML document (styles inline, no external files) to PDF.
/// Notices, schedules and daily reports are all Razor components rendered to HTML first, so the
/// printed page and the screen share their markup.
/// </summary>
public interface IPdfRenderer
{
    /// <summary>The PDF bytes of <paramref name="html"/>.</summary>
    /// <exception cref="PdfUnavailableException">The printing browser is missing, fails to start, or does not answer in time.</exception>
    Task<byte[]> RenderAsync(string html, PdfPageOptions? page = null, CancellationToken cancellationToken = default);
}

/// <summary>Paper layout of one document: A4, backgrounds printed.</summary>
public sealed record PdfPageOptions
{
    public static PdfPageOptions Portrait { get; } = new();

    public bool Landscape { get; init; }

    /// <summary>One CSS length for all four margins.</summary>
    public string Margin { get; init; } = "15mm";

    /// <summary>
    /// Chromium's footer template, or null for none. It may hold the elements with the classes
    /// "pageNumber" and "totalPages"; it is laid out apart from the page, so it needs its own font size.
    /// </summary>
    public string? FooterHtml { get; init; }
}
