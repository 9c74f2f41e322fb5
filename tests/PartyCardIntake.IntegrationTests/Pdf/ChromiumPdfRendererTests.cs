using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartyCardIntake.Infrastructure.Pdf;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Pdf;

/// <summary>The PDF renderer against Debian's Chromium: one browser, restarted after a crash, pages bounded.</summary>
public sealed class ChromiumPdfRendererTests
{
    private const string Document = """
        <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>html{font-family:"DejaVu Sans",sans-serif}</style></head>
        <body><h1>Thông báo số {0}</h1><p>Đồng chí Nguyễn Thị Hương — Căn cước</p></body></html>
        """;

    [Fact]
    public async Task A_document_prints_with_its_vietnamese_text_and_the_browser_is_reused()
    {
        await using var renderer = Create();
        var text = await PdfText.ExtractAsync(await renderer.RenderAsync(Html(1)));
        text.Should().Contain("Thông báo số 1").And.Contain("Đồng chí Nguyễn Thị Hương — Căn cước");

        var browser = renderer.CurrentBrowser;
        await renderer.RenderAsync(Html(2), new PdfPageOptions { Landscape = true, Margin = "10mm" });
        renderer.CurrentBrowser.Should().BeSameAs(browser);
    }

    [Fact]
    public async Task A_browser_that_went_away_is_started_again()
    {
        await using var renderer = Create();
        await renderer.RenderAsync(Html(1));
        var first = renderer.CurrentBrowser!;
        await first.CloseAsync();
        first.IsConnected.Should().BeFalse();

        var text = await PdfText.ExtractAsync(await renderer.RenderAsync(Html(2)));
        text.Should().Contain("Thông báo số 2");
        renderer.CurrentBrowser.Should().NotBeSameAs(first);
        renderer.CurrentBrowser!.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task Documents_beyond_the_page_limit_wait_their_turn()
    {
        await using var renderer = Create(o => o.MaxConcurrentPages = 1);
        await renderer.RenderAsync(Html(0));
        var browser = renderer.CurrentBrowser!;

        var most = 0;
        var jobs = Enumerable.Range(1, 4).Select(i => renderer.RenderAsync(Html(i))).ToList();
        var all = Task.WhenAll(jobs);
        while (!all.IsCompleted)
        {
            most = Math.Max(most, browser.Contexts.Count);
            await Task.Delay(2);
        }

        (await all).Should().HaveCount(4).And.OnlyContain(pdf => pdf.Length > 1000);
        most.Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task Without_chromium_printing_is_unavailable_at_once()
    {
        await using var renderer = Create(o => o.ChromiumPath = "/nonexistent/chromium");
        var render = () => renderer.RenderAsync(Html(1));
        (await render.Should().ThrowAsync<PdfUnavailableException>()).Which.Message.Should().Contain("/nonexistent/chromium");
        renderer.CurrentBrowser.Should().BeNull();
    }

    [Fact]
    public async Task An_executable_that_is_not_chromium_is_unavailable_not_a_crash()
    {
        await using var renderer = Create(o =>
        {
            o.ChromiumPath = "/bin/false";
            o.LaunchTimeout = TimeSpan.FromSeconds(10);
        });
        var render = () => renderer.RenderAsync(Html(1));
        await render.Should().ThrowAsync<PdfUnavailableException>();
    }

    [Fact]
    public async Task A_document_that_takes_too_long_is_unavailable()
    {
        await using var renderer = Create(o => o.Timeout = TimeSpan.FromMilliseconds(1));
        var render = () => renderer.RenderAsync(Html(1));
        (await render.Should().ThrowAsync<PdfUnavailableException>()).WithInnerException<TimeoutException>();

        // The browser started (its launch has a timeout of its own); the document was what took too long.
        renderer.CurrentBrowser!.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task A_disposed_renderer_refuses_work_and_has_closed_its_browser()
    {
        var renderer = Create();
        await renderer.RenderAsync(Html(1));
        var browser = renderer.CurrentBrowser!;
        await renderer.DisposeAsync();
        browser.IsConnected.Should().BeFalse();
        var render = () => renderer.RenderAsync(Html(2));
        await render.Should().ThrowAsync<ObjectDisposedException>();
    }

    private static string Html(int number) => Document.Replace("{0}", number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static ChromiumPdfRenderer Create(Action<PdfOptions>? configure = null)
    {
        var options = new PdfOptions();
        configure?.Invoke(options);
        return new ChromiumPdfRenderer(Options.Create(options), NullLogger<ChromiumPdfRenderer>.Instance);
    }
}
