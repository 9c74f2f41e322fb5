using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartyCardIntake.Infrastructure.Pdf;

public static class PdfServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPdfRenderer"/>: one headless Chromium per process, started on the first
    /// document and closed with the host. The host starts without Chromium; printing then fails with
    /// <see cref="PdfUnavailableException"/>.
    /// </summary>
    public static IServiceCollection AddPdfRenderer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PdfOptions>()
            .Bind(configuration.GetSection(PdfOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ChromiumPath), "Pdf:ChromiumPath must not be empty.")
            .Validate(o => o.MaxConcurrentPages is >= 1 and <= 32, "Pdf:MaxConcurrentPages must be 1–32.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.LaunchTimeout > TimeSpan.Zero, "Pdf timeouts must be positive.");

        // One instance: the container disposes it (and with it the browser) when the host stops.
        services.AddSingleton<IPdfRenderer, ChromiumPdfRenderer>();
        return services;
    }
}
