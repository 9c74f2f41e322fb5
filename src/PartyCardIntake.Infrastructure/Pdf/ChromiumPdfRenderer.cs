using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace PartyCardIntake.Infrastructure.Pdf;

/// <summary>
/// Prints HTML with one headless Chromium per process, driven by Playwright. The browser starts on the
/// first document (a host that never prints never starts it), is started again when it has crashed,
/// and closes with the host. Each document gets a fresh page (its own browser context, no script, no
/// network), so documents never see each other's data. See docs/decisions/0007-pdf-by-headless-chromium.md.
/// </summary>
internal sealed class ChromiumPdfRenderer : IPdfRenderer, IAsyncDisposable, IDisposable
{
    // The E2E tests' flags without the fake camera. No sandbox: the service may run as root, where
    // Chromium refuses its sandbox. A small /dev/shm (containers) would crash large pages.
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private readonly PdfOptions _options;
    private readonly ILogger<ChromiumPdfRenderer> _logger;
    private readonly SemaphoreSlim _pages;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private volatile bool _disposed;

    public ChromiumPdfRenderer(IOptions<PdfOptions> options, ILogger<ChromiumPdfRenderer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _pages = new SemaphoreSlim(_options.MaxConcurrentPages, _options.MaxConcurrentPages);
    }

    /// <summary>The running browser, if any; tests close it to stand for a crash.</summary>
    internal IBrowser? CurrentBrowser => _browser;

    public async Task<byte[]> RenderAsync(string html, PdfPageOptions? page = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        ObjectDisposedException.ThrowIf(_disposed, this);

        // Checked before starting Playwright's driver, so that a server without Chromium answers at once.
        if (!File.Exists(_options.ChromiumPath))
        {
            throw new PdfUnavailableException($"No Chromium at {_options.ChromiumPath} (set {PdfOptions.Section}:{nameof(PdfOptions.ChromiumPath)} or {PdfOptions.ChromiumVariable}).");
        }

        if (!await _pages.WaitAsync(_options.Timeout, cancellationToken))
        {
            throw new PdfUnavailableException($"Every printing page stayed busy for {_options.Timeout}.");
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var browser = await GetBrowserAsync(cancellationToken);
                try
                {
                    return await PrintAsync(browser, html, page ?? PdfPageOptions.Portrait, cancellationToken);
                }
                catch (PlaywrightException e) when (attempt == 1 && !browser.IsConnected)
                {
                    // Chromium died under this document (or before it); one more try with a new browser.
                    _logger.LogWarning(e, "Chromium disconnected while printing; starting it again");
                }
                catch (PlaywrightException e)
                {
                    throw new PdfUnavailableException("Chromium could not print the document.", e);
                }
            }
        }
        finally
        {
            _pages.Release();
        }
    }

    private async Task<byte[]> PrintAsync(IBrowser browser, string html, PdfPageOptions layout, CancellationToken cancellationToken)
    {
        // The document is complete and inline: no script needs to run and nothing needs fetching.
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false, Offline = true, Locale = "vi-VN" });
        try
        {
            return await PrintPageAsync(page, html, layout).WaitAsync(_options.Timeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new PdfUnavailableException($"Printing took longer than {_options.Timeout}.", e);
        }
        finally
        {
            await ClosePageAsync(page);
        }
    }

    private async Task<byte[]> PrintPageAsync(IPage page, string html, PdfPageOptions layout)
    {
        await page.SetContentAsync(html, new PageSetContentOptions
        {
            WaitUntil = WaitUntilState.Load,
            Timeout = (float)_options.Timeout.TotalMilliseconds,
        });
        var margin = new Margin { Top = layout.Margin, Right = layout.Margin, Bottom = layout.Margin, Left = layout.Margin };
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            Landscape = layout.Landscape,
            PrintBackground = true,
            Margin = margin,
            DisplayHeaderFooter = layout.FooterHtml is not null,
            HeaderTemplate = "<span></span>",
            FooterTemplate = layout.FooterHtml ?? "<span></span>",
        });
    }

    private async Task ClosePageAsync(IPage page)
    {
        try
        {
            // A page made by the browser owns its context: closing the page drops the context too.
            await page.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            _logger.LogDebug(e, "A printing page did not close cleanly");
        }
    }

    private async Task<IBrowser> GetBrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _launch.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            if (_browser is not null)
            {
                // A browser that went away may have taken Playwright's driver with it: start both afresh.
                _logger.LogWarning("Chromium for printing is no longer connected; starting it again");
                await CloseBrowserAsync();
            }

            try
            {
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = _options.ChromiumPath,
                    Headless = true,
                    Args = LaunchArgs,
                    Timeout = (float)_options.LaunchTimeout.TotalMilliseconds,
                });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await CloseBrowserAsync();
                throw new PdfUnavailableException($"Chromium at {_options.ChromiumPath} did not start.", e);
            }

            _logger.LogInformation("Chromium {Version} started for printing", _browser.Version);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task CloseBrowserAsync()
    {
        if (_browser is not null)
        {
            try
            {
                await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                _logger.LogDebug(e, "Chromium did not close cleanly");
            }

            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Waits for a launch under way, so that its browser is not left running. The semaphores stay:
        // a document still printing releases its page after this.
        await _launch.WaitAsync();
        try
        {
            await CloseBrowserAsync();
        }
        finally
        {
            _launch.Release();
        }
    }

    // The container disposes synchronously when a host is disposed without await.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
