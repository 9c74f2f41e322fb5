using System.Diagnostics;
using System.Text;
using Npgsql;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Backup;

/// <summary>Runs the scripts of deploy/ and the application's own commands (migrate, audit verify) as an operator would.</summary>
internal static class Commands
{
    public sealed record Outcome(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}:\n{Output}";
    }

    /// <summary>deploy/ of this checkout.</summary>
    public static string DeployFolder { get; } = Path.GetFullPath(Path.Combine(AppProcess.WebProjectFolder, "..", "..", "deploy"));

    public static Task<Outcome> ScriptAsync(string relativePath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        RunAsync("bash", [Path.Combine(DeployFolder, relativePath), .. arguments], environment, TimeSpan.FromMinutes(2));

    /// <summary>The built web application with a command (e.g. "migrate") and settings, as in a published installation.</summary>
    public static Task<Outcome> AppAsync(IReadOnlyDictionary<string, string?> settings, params string[] command) =>
        RunAsync(
            "dotnet",
            [AppProcess.WebAssembly, .. command, "--contentRoot", AppProcess.WebProjectFolder, .. settings.Select(s => $"--{s.Key}={s.Value}")],
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Testing" },
            TimeSpan.FromMinutes(2));

    /// <summary>libpq's variables for the test server, so that the scripts' psql and pg_dump reach it.</summary>
    public static Dictionary<string, string?> LibpqEnvironment()
    {
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)
            ?? throw new InvalidOperationException($"{TestDatabase.PostgresVariable} is not set."));
        return new()
        {
            ["PGHOST"] = server.Host,
            ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = server.Username,
            ["PGPASSWORD"] = server.Password,
        };
    }

    public static async Task<Outcome> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppProcess.WebProjectFolder,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}:\n{output}");
        }

        // WaitForExitAsync returns after the output streams closed, so the output is complete.
        lock (output)
        {
            return new Outcome(process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
