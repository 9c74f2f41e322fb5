using System.Net;
using System.Net.Sockets;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// A plain TCP relay between the browser and the application, which a test can cut: every open connection is reset
/// and new ones are refused until the link is restored. Chromium's offline emulation leaves an open WebSocket alone
/// (the circuit never notices it), so a lost link is made here, below the browser.
/// </summary>
internal sealed class LinkCutter : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<(TcpClient Browser, TcpClient Server)> open = [];
    private readonly Task accepting;
    private volatile bool down;
    private int resets;
    private int refused;

    public LinkCutter(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        this.target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The address the browser uses instead of the application's.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>Connections reset by the cuts so far.</summary>
    public int Resets => resets;

    /// <summary>Connections refused while the link was down.</summary>
    public int Refused => refused;

    /// <summary>The link goes down: every connection is reset, new ones are refused.</summary>
    public void Cut()
    {
        down = true;
        List<(TcpClient Browser, TcpClient Server)> cut;
        lock (open)
        {
            cut = [.. open];
            open.Clear();
        }

        foreach (var (browserSide, serverSide) in cut)
        {
            Reset(browserSide);
            Reset(serverSide);
            Interlocked.Increment(ref resets);
        }
    }

    /// <summary>The link is back: new connections go through again.</summary>
    public void Restore() => down = false;

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient browserSide;
            try
            {
                browserSide = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (down)
            {
                Interlocked.Increment(ref refused);
                Reset(browserSide);
                continue;
            }

            _ = RelayAsync(browserSide);
        }
    }

    private async Task RelayAsync(TcpClient browserSide)
    {
        var serverSide = new TcpClient { NoDelay = true };
        browserSide.NoDelay = true;
        try
        {
            await serverSide.ConnectAsync(target, stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            Reset(browserSide);
            serverSide.Dispose();
            return;
        }

        var pair = (browserSide, serverSide);
        lock (open)
        {
            open.Add(pair);
        }

        try
        {
            await Task.WhenAll(PumpAsync(browserSide, serverSide), PumpAsync(serverSide, browserSide));
        }
        finally
        {
            lock (open)
            {
                open.Remove(pair);
            }

            browserSide.Dispose();
            serverSide.Dispose();
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, stopping.Token)) > 0)
            {
                await sink.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }

            // A clean end of one direction is passed on as such (HTTP/1.1 keeps both open otherwise).
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Reset by a cut or by either end: the other direction ends with it.
            Reset(from);
            Reset(to);
        }
    }

    /// <summary>Closes with a reset (linger 0), as a dropped link looks to the other end once it tries again.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }
}
