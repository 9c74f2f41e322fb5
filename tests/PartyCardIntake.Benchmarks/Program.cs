using System.Diagnostics;
using System.Globalization;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/PartyCardIntake.Benchmarks [-- desk|import|registry]
/// or [-- load [--provider sqlite|postgresql|both] [--clients 200] [--warmup 15] [--duration 60] [--connection "…"]]
/// or [-- circuits [--pages 200] [--navigations 120] [--settle 10] [--hold 0] [--page demo.lead:/ --page demo.committee:/members …]]
/// or [-- desk-browser [--members 60] [--warmup 10]]
/// or [-- submissions [--desks 1,2,4,8,16,32] [--warmup 10] [--duration 30] [--members-per-second 2000] [--profile 1,8] [--audited 8] [--raw-variants]]
/// or [-- planning [--cells 300] [--moves 200] [--renders 30]]
/// or [-- national-data --connection "…" [--scale 1.0] [--recreate] [--sqlserver]] or [-- dashboard --connection "…" [--province 01] [--iterations 200] [--raw-iterations 10]]
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task Main(string[] args)
    {
        var which = args.FirstOrDefault() ?? "all";

        // A log line per request on the console would be measured too; keep warnings only.
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Override__PartyCardIntake", "Warning");

        // The web project's folder is its content root (wwwroot); tests get it from the test SDK.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PartyCardIntake.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PARTYCARDINTAKE_WEB", Path.Combine(root!.FullName, "src", "PartyCardIntake.Web"));

        var results = new List<Measurement>();
        var clock = Stopwatch.StartNew();
        if (which == "national-data")
        {
            await NationalDataCommand.RunAsync(Option(args, "--connection") ?? throw new ArgumentException("national-data needs --connection."), double.Parse(Option(args, "--scale") ?? "1", CultureInfo.InvariantCulture), args.Contains("--recreate"), args.Contains("--sqlserver"));
            return;
        }

        if (which == "load")
        {
            var provider = Option(args, "--provider") ?? "both";
            var options = new LoadBenchmark.Options(
                int.Parse(Option(args, "--clients") ?? "200", CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(int.Parse(Option(args, "--warmup") ?? "15", CultureInfo.InvariantCulture)),
                TimeSpan.FromSeconds(int.Parse(Option(args, "--duration") ?? "60", CultureInfo.InvariantCulture)),
                Option(args, "--connection"));
            var load = new List<LoadBenchmark.Result>();
            Console.WriteLine($"load: load average before the run {LoadBenchmark.LoadAverage():0.0}");
            if (provider is "sqlite" or "both")
            {
                load.Add(await LoadBenchmark.RunAsync(PartyCardIntake.Infrastructure.Database.DatabaseProvider.Sqlite, options));
            }

            if (provider is "postgresql" or "both")
            {
                load.Add(await LoadBenchmark.RunAsync(PartyCardIntake.Infrastructure.Database.DatabaseProvider.PostgreSql, options));
            }

            Console.WriteLine();
            Console.WriteLine($"Measured on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {clock.Elapsed.TotalSeconds:0} s in all.");
            LoadBenchmark.Print(load);
            return;
        }

        if (which == "submissions")
        {
            var submissionOptions = new SubmissionsBenchmark.Options(
                Counts(Option(args, "--desks") ?? "1,2,4,8,16,32"),
                TimeSpan.FromSeconds(int.Parse(Option(args, "--warmup") ?? "10", CultureInfo.InvariantCulture)),
                TimeSpan.FromSeconds(int.Parse(Option(args, "--duration") ?? "30", CultureInfo.InvariantCulture)),
                int.Parse(Option(args, "--members-per-second") ?? "2000", CultureInfo.InvariantCulture),
                Counts(Option(args, "--profile") ?? string.Empty),
                Counts(Option(args, "--audited") ?? string.Empty),
                args.Contains("--raw-variants"));
            Console.WriteLine($"submissions: load average before the run {LoadBenchmark.LoadAverage():0.0}");
            var (service, raw, settings, profiles) = await SubmissionsBenchmark.RunAsync(submissionOptions);
            Console.WriteLine();
            Console.WriteLine($"Measured on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {clock.Elapsed.TotalSeconds:0} s in all, load average at the end {LoadBenchmark.LoadAverage():0.0}.");
            SubmissionsBenchmark.Print(service, raw, settings, profiles);
            return;
        }

        if (which == "circuits")
        {
            var pages = args.Select((a, i) => (a, i)).Where(x => x.a == "--page" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
            var targets = (pages.Count > 0 ? pages : ["demo.lead:/", "demo.committee:/members", "demo.committee:/"])
                .Select(p => p.Split(':', 2) is [var user, var path] ? (user, path) : throw new ArgumentException($"--page {p}: user:/path expected."))
                .ToList();
            var circuitOptions = new CircuitsBenchmark.Options(
                int.Parse(Option(args, "--pages") ?? "200", CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--navigations") ?? "120", CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(int.Parse(Option(args, "--settle") ?? "10", CultureInfo.InvariantCulture)),
                targets,
                TimeSpan.FromSeconds(int.Parse(Option(args, "--hold") ?? "0", CultureInfo.InvariantCulture)));
            Console.WriteLine($"circuits: load average before the run {LoadBenchmark.LoadAverage():0.0}");
            var (memory, navigation) = await CircuitsBenchmark.RunAsync(circuitOptions);
            Console.WriteLine();
            Console.WriteLine($"Measured on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {clock.Elapsed.TotalSeconds:0} s in all, load average at the end {LoadBenchmark.LoadAverage():0.0}.");
            CircuitsBenchmark.Print(memory, navigation);
            return;
        }

        if (which == "desk-browser")
        {
            Console.WriteLine($"desk-browser: load average before the run {LoadBenchmark.LoadAverage():0.0}");
            var desk = await DeskBrowserBenchmark.RunAsync(
                int.Parse(Option(args, "--members") ?? "60", CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--warmup") ?? "10", CultureInfo.InvariantCulture));
            Console.WriteLine($"Measured on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {clock.Elapsed.TotalSeconds:0} s in all.");
            DeskBrowserBenchmark.Print(desk);
            return;
        }

        if (which == "dashboard")
        {
            var iterations = int.Parse(Option(args, "--iterations") ?? "200", CultureInfo.InvariantCulture);
            var rawIterations = int.Parse(Option(args, "--raw-iterations") ?? "10", CultureInfo.InvariantCulture);
            results.AddRange(await DashboardBenchmark.RunAsync(Option(args, "--connection") ?? throw new ArgumentException("dashboard needs --connection."), Option(args, "--province") ?? "01", iterations, rawIterations));
        }

        if (which == "planning")
        {
            Console.WriteLine($"planning: load average before the run {LoadBenchmark.LoadAverage():0.0}");
            results.AddRange(await PlanningBenchmark.RunAsync(
                int.Parse(Option(args, "--cells") ?? "300", CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--moves") ?? "200", CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--renders") ?? "30", CultureInfo.InvariantCulture)));
            Console.WriteLine($"planning: load average at the end {LoadBenchmark.LoadAverage():0.0}");
        }

        if (which is "all" or "desk")
        {
            results.AddRange(await DeskBenchmark.RunAsync(members: 20_000));
        }

        if (which is "all" or "import")
        {
            results.AddRange(await ImportBenchmark.RunAsync(rows: 20_000, repeats: 3));
        }

        if (which is "all" or "registry")
        {
            results.AddRange(await RegistryOverheadBenchmark.RunAsync(latencyMs: 20, samples: 400));
        }

        if (results.Count == 0)
        {
            Console.WriteLine($"Unknown benchmark '{which}': desk, import, registry, load, submissions, circuits, planning, national-data or dashboard.");
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"Measured on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {clock.Elapsed.TotalSeconds:0} s in all.");
        Console.WriteLine();
        Console.WriteLine("| step | samples | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var m in results)
        {
            Console.WriteLine(m.ToMarkdownRow());
        }
    }

    private static List<int> Counts(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
