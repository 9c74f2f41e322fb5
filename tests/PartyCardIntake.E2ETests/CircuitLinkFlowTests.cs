using System.Text.Json;
using PartyCardIntake.Core.Demo;

namespace PartyCardIntake.E2ETests;

/// <summary>What a circuit costs the link and the server: its WebSocket is compressed, one message at a time.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class CircuitLinkFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_circuits_websocket_is_compressed_without_keeping_a_compressor_between_messages()
    {
        var page = await browser.NewPageAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var extensions = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("Network.webSocketHandshakeResponseReceived").OnEvent += (_, e) =>
        {
            if (e is { } data && data.TryGetProperty("response", out var response) && response.TryGetProperty("headers", out var headers))
            {
                var value = headers.EnumerateObject()
                    .Where(h => h.Name.Equals("Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase))
                    .Select(h => h.Value.GetString())
                    .FirstOrDefault();
                extensions.TrySetResult(value ?? string.Empty);
            }
        };
        await cdp.SendAsync("Network.enable");

        await Pages.SignInAsync(page, DemoAccounts.Lead);
        await Pages.WaitForInteractiveAsync(page);

        var negotiated = await extensions.Task.WaitAsync(TimeSpan.FromSeconds(15));
        negotiated.Should().Contain("permessage-deflate", "a commune's link carries a render in fewer bytes");
        negotiated.Should().Contain("server_no_context_takeover", "an idle circuit holds no compressor on the server");
        await page.Context.CloseAsync();
    }
}
