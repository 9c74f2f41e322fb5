using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace PartyCardIntake.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL server of a test's own (initdb and pg_ctl from Debian's package, as test.sh starts
/// the shared one), for what the shared server must not suffer: being stopped, restarted or killed while an
/// application uses it. Data lives in a temporary folder with fsync off; <see cref="DisposeAsync"/> stops the
/// server and removes the folder. As root the server runs as the postgres user (it refuses to run as root).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private bool _disposed;

    private PostgresCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string of the server (database "postgres"); set Database for another one.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = "unused",
        Database = "postgres",
        Pooling = true,
    }.ConnectionString;

    public bool IsRunning { get; private set; }

    private string DataFolder => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "server.log");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Creates a cluster in a temporary folder and starts it on a free loopback port.</summary>
    public static async Task<PostgresCluster> StartNewAsync(int maxConnections = 200)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL's server programs are missing (/usr/lib/postgresql/*/bin/initdb); test.sh installs the postgresql package.");
        }

        var folder = Directory.CreateTempSubdirectory("pci-pgcluster-").FullName;
        var cluster = new PostgresCluster(bin, folder, AppProcess.FreePort());
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["postgres:", folder]);
            }

            await cluster.AsPostgresAsync("initdb", ["-D", cluster.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]);
            await File.AppendAllTextAsync(
                Path.Combine(cluster.DataFolder, "postgresql.conf"),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"\nport = {cluster.Port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{folder}'\nmax_connections = {maxConnections}\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"));
            await cluster.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the stopped server and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await AsPostgresAsync("pg_ctl", ["-D", DataFolder, "-l", LogFile, "-w", "-t", "60", "start"]);
        IsRunning = true;
    }

    /// <summary>
    /// Stops the server. "fast" (the default) ends every session at once and shuts down cleanly, as systemd
    /// or an operator restarting PostgreSQL does; "immediate" is a crash without a checkpoint.
    /// </summary>
    public async Task StopAsync(string mode = "fast")
    {
        IsRunning = false;
        await AsPostgresAsync("pg_ctl", ["-D", DataFolder, "-m", mode, "-w", "-t", "60", "stop"]);
    }

    /// <summary>pg_ctl restart: stop (ending every session) and start again straight away.</summary>
    public async Task RestartAsync(string mode = "fast")
    {
        IsRunning = false;
        await AsPostgresAsync("pg_ctl", ["-D", DataFolder, "-l", LogFile, "-m", mode, "-w", "-t", "60", "restart"]);
        IsRunning = true;
    }

    /// <summary>The server's own log, for failure messages.</summary>
    public string ServerLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(DataFolder) && File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            try
            {
                await AsPostgresAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "-t", "30", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The system cleans its temporary folder.
        }
    }

    private Task AsPostgresAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, program);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }
}
