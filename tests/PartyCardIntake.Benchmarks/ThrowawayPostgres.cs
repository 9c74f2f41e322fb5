using System.Diagnostics;
using System.Globalization;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// A PostgreSQL cluster of its own in a temporary folder, configured with deploy/postgresql/partycardintake.conf
/// (fsync and synchronous commit on, as on a province server), stopped and removed afterwards. As root, the
/// server runs as the postgres system user, which it insists on.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private ThrowawayPostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Password=unused;Pooling=true";

    public string Version { get; private set; } = string.Empty;

    public static async Task<ThrowawayPostgres> StartAsync(string settingsFile)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderBy(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, CultureInfo.InvariantCulture))
            .LastOrDefault() ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql (apt-get install postgresql).");
        var folder = Directory.CreateTempSubdirectory("pci-load-pg.").FullName;
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:", folder);
        }

        var server = new ThrowawayPostgres(bin, folder, AppProcess.FreePort());
        await server.AsServerUserAsync(Path.Combine(bin, "initdb"), "-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale");
        var included = Path.Combine(server.Data, "partycardintake.conf");
        File.Copy(settingsFile, included);
        await File.AppendAllTextAsync(Path.Combine(server.Data, "postgresql.conf"), "\ninclude 'partycardintake.conf'\n");
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:", included);
        }

        await server.AsServerUserAsync(
            Path.Combine(bin, "pg_ctl"), "-D", server.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port.ToString(CultureInfo.InvariantCulture)} -k {folder} -c listen_addresses=127.0.0.1", "start");
        server.Version = Path.GetFileName(Path.GetDirectoryName(bin))!;
        return server;
    }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>CPU time used so far by the server and its backends (/proc; clock ticks of 10 ms).</summary>
    public double CpuMilliseconds()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        double total = 0;
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid == postmaster || fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
                {
                    total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsServerUserAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "fast", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task AsServerUserAsync(string file, params string[] arguments) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", file, .. arguments]) : RunAsync(file, arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }
}
