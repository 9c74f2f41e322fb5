namespace PartyCardIntake.Infrastructure.Pdf;

/// <summary>
/// PDF printing cannot be done now (no Chromium at the configured path, a crash, a timeout). The
/// application keeps running; the web layer answers with 503 and an explanation for people.
/// </summary>
public sealed class PdfUnavailableException : Exception
{
    public PdfUnavailableException()
    {
    }

    public PdfUnavailableException(string message)
        : base(message)
    {
    }

    public PdfUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
