using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartyCardIntake.Tests.Shared;

/// <summary>
/// The web application as a real operating-system process (the built PartyCardIntake.Web.dll), for what an
/// in-memory test server cannot show: a SIGKILL at any moment, a restart, several nodes on one database.
/// Settings are passed as command-line configuration; the process keeps its port across restarts.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const int LogLines = 400;
    private readonly Dictionary<string, string?> _settings;
    private readonly Queue<string> _log = new();
    private Process? _process;

    public AppProcess(IReadOnlyDictionary<string, string?> settings, int? port = null, string name = "node")
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = new Dictionary<string, string?>(settings);
        Port = port ?? FreePort();
        Name = name;
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Process id of the running node, for signals and memory readings.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("Not running.");

    /// <summary>
    /// Settings for a demo node on <paramref name="database"/>: demo data and sign-ins, the built-in registry,
    /// plain http, rate limits out of the way. Add or override keys before creating the process.
    /// </summary>
    public static Dictionary<string, string?> DemoSettings(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new()
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:DataFolder"] = database.Folder,
            ["ConnectionStrings:PartyCard"] = database.ConnectionString ?? string.Empty,
            ["Demo:Enabled"] = "true",
            ["Demo:Password"] = PartyCardAppFactory.DemoPassword,
            ["Security:RequireHttps"] = "false",
            ["RateLimits:SignInPerMinute"] = "100000",
            ["RateLimits:ApiPerMinute"] = "100000",
        };
    }

    /// <summary>
    /// Starts the process and waits until /health/ready answers 200; with <paramref name="waitUntilReady"/> false it
    /// returns at once, for a kill in the middle of start-up (then <see cref="WaitUntilReadyAsync"/> if needed).
    /// </summary>
    public async Task StartAsync(TimeSpan? timeout = null, bool waitUntilReady = true)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WebProjectFolder,
        };
        info.ArgumentList.Add(WebAssembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(Address.ToString().TrimEnd('/'));
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(WebProjectFolder);
        foreach (var (key, value) in _settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (waitUntilReady)
        {
            await WaitUntilReadyAsync(timeout);
        }
    }

    /// <summary>Waits until the running process answers 200 on /health/ready.</summary>
    public Task WaitUntilReadyAsync(TimeSpan? timeout = null) => WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(90));

    /// <summary>SIGKILL: no shutdown code runs, as when power or the OOM killer takes the process.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM and a graceful shutdown, as systemd stops a service.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Signal(_process.Id, "TERM");
            using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
                return;
            }
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentLog()
    {
        lock (_log)
        {
            return string.Join('\n', _log);
        }
    }

    /// <summary>Resident memory of the process in bytes (Linux /proc), or null when not running.</summary>
    public long? ResidentBytes()
    {
        if (!IsRunning)
        {
            return null;
        }

        _process!.Refresh();
        return _process.WorkingSet64;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited during start-up (code {_process?.ExitCode}):\n{RecentLog()}");
            }

            try
            {
                using var response = await client.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout}:\n{RecentLog()}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > LogLines)
            {
                _log.Dequeue();
            }
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false });
        kill?.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/PartyCardIntake.Web of this checkout, found from the test's own folder.</summary>
    public static string WebProjectFolder { get; } = FindWebProject();

    /// <summary>The web application built in the same configuration as the tests (Debug or Release).</summary>
    public static string WebAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(WebProjectFolder, "bin", configuration, "net10.0", "PartyCardIntake.Web.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the web application first: {path} is missing.");
        }
    }

    private static string FindWebProject()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "PartyCardIntake.Web");
            if (File.Exists(Path.Combine(candidate, "PartyCardIntake.Web.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/PartyCardIntake.Web not found above " + AppContext.BaseDirectory);
    }

    public override string ToString() => new StringBuilder().Append(Name).Append(" on ").Append(Address).ToString();
}
