using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Nodes;

/// <summary>
/// nginx with the site of deploy/nginx/partycardintake.conf in front of given web nodes, as a non-daemon process
/// with everything (configuration, self-signed certificate, pid, logs, temporary files) in a folder of its own.
/// Only addresses, ports and certificate paths of the site file are replaced.
/// </summary>
public sealed class NginxSite : IAsyncDisposable
{
    public const string HostName = "intake.test";

    private readonly Process _process;

    private NginxSite(string folder, int tlsPort, int plainPort, X509Certificate2 certificate, Process process)
    {
        Folder = folder;
        TlsPort = tlsPort;
        PlainPort = plainPort;
        Certificate = certificate;
        _process = process;
    }

    public string Folder { get; }

    public int TlsPort { get; }

    public int PlainPort { get; }

    /// <summary>The self-signed certificate nginx presents; a client should accept this one and no other.</summary>
    public X509Certificate2 Certificate { get; }

    public static string SiteFile => Path.GetFullPath(Path.Combine(AppProcess.WebProjectFolder, "..", "..", "deploy", "nginx", "partycardintake.conf"));

    public static async Task<NginxSite> StartAsync(IReadOnlyList<int> nodePorts)
    {
        var nginx = Executable("nginx");
        var folder = Directory.CreateTempSubdirectory("pci-nginx-").FullName;
        var certificate = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        await RunAsync(Executable("openssl"), [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", key, "-out", certificate,
            "-subj", "/CN=" + HostName, "-addext", "subjectAltName=DNS:" + HostName]);

        var presented = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(certificate));
        var tlsPort = AppProcess.FreePort();
        var plainPort = AppProcess.FreePort();
        var site = Render(await File.ReadAllTextAsync(SiteFile), nodePorts, tlsPort, plainPort, certificate, key);
        await File.WriteAllTextAsync(Path.Combine(folder, "site.conf"), site);
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, MainConfig(folder));

        // nginx writes to its error log in the folder; its own output stays with the test runner's.
        var info = new ProcessStartInfo(nginx) { UseShellExecute = false };
        foreach (var argument in new[] { "-p", folder + "/", "-c", config, "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start.");
        var started = new NginxSite(folder, tlsPort, plainPort, presented, process);
        try
        {
            await started.WaitListeningAsync();
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>The site file with the nodes' ports, loopback listeners on free ports and the test certificate.</summary>
    public static string Render(string site, IReadOnlyList<int> nodePorts, int tlsPort, int plainPort, string certificate, string key)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(nodePorts);
        var replacements = new List<(string From, string To)>
        {
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{tlsPort} ssl http2;"),
            ("listen 80;", $"listen 127.0.0.1:{plainPort};"),
            ("ssl_certificate /etc/ssl/partycardintake/fullchain.pem;", $"ssl_certificate {certificate};"),
            ("ssl_certificate_key /etc/ssl/partycardintake/privkey.pem;", $"ssl_certificate_key {key};"),
        };
        var upstream = new[] { "server 127.0.0.1:5001 ", "server 127.0.0.1:5002 " };
        for (var i = 0; i < upstream.Length; i++)
        {
            replacements.Add((upstream[i], i < nodePorts.Count ? $"server 127.0.0.1:{nodePorts[i]} " : "# " + upstream[i]));
        }

        foreach (var (from, to) in replacements)
        {
            if (!site.Contains(from, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The site file no longer contains \"{from}\"; update {nameof(NginxSite)}.{nameof(Render)} with it.");
            }

            site = site.Replace(from, to, StringComparison.Ordinal);
        }

        // The test binds IPv4 loopback only.
        return string.Join('\n', site.Split('\n').Where(line => !line.Contains("listen [::]:", StringComparison.Ordinal)));
    }

    /// <summary>What /etc/nginx/nginx.conf gives the site in production, with every path inside the folder.</summary>
    private static string MainConfig(string folder)
    {
        // As root (CI), workers would switch to "nobody", which cannot enter the private temporary folder.
        var user = Environment.UserName == "root" ? "user root;" : string.Empty;
        return $$"""
            {{user}}
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log {{folder}}/access.log;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/site.conf;
            }
            """;
    }

    public string ErrorLog()
    {
        var path = Path.Combine(Folder, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    private async Task WaitListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}:\n{ErrorLog()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, TlsPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("nginx did not listen within 15 s:\n" + ErrorLog());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the master stops and reaps its workers; SIGKILL only if it does not within a few seconds.
            using (var term = Process.Start(new ProcessStartInfo("kill", $"-TERM {_process.Id}") { UseShellExecute = false }))
            {
                await term!.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Certificate.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The system cleans its temporary folder.
        }
    }

    private static string Executable(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(["/usr/sbin", "/usr/bin", "/sbin"]))
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        // Fail loudly: a skipped proxy test would prove nothing. ./test.sh installs both as root.
        throw new InvalidOperationException($"{name} is not installed (apt-get install nginx openssl; ./test.sh does it as root).");
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(file + " did not start.");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await error}");
        }
    }
}
