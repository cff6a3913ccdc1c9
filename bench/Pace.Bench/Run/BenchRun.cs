using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Pace.Bench.Generate;
using Pace.Data;
using Pace.Data.Migrations;

namespace Pace.Bench.Run;

/// <summary>
/// <c>./pace bench run</c>: starts pace-web (the Release build, a process of its own, in Production mode) and the raw
/// baseline over the benchmark database, measures every scenario, prints the table and writes it under
/// <c>.pace/bench/</c> for <c>bench/RESULTS.md</c>.
/// </summary>
public static partial class BenchRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    public static async Task<int> ExecuteAsync(BenchSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = BenchEnvironment.Root;
        var database = BenchEnvironment.Database;
        var connectionString = BenchDataset.ConnectionString(BenchEnvironment.AdminConnectionString, database);
        var output = Path.Combine(root, ".pace", "bench");
        Directory.CreateDirectory(output);
        // A dataset generated before the latest migrations is brought up to date (pace-web refuses to be ready otherwise);
        // on a database of this size a migration that rewrites a table can take a few minutes.
        await SchemaMigrator.MigrateAsync(connectionString, PaceDatabase.Pace, logger, cancellationToken);
        var fixtures = await BenchFixtures.LoadAsync(connectionString, cancellationToken);

        var web = new Uri($"http://127.0.0.1:{BenchEnvironment.WebPort}/");
        var raw = new Uri($"http://127.0.0.1:{BenchEnvironment.RawPort}/");
        var webAssembly = Path.Combine(root, "src", "Pace.Web", "bin", "Release", "net10.0", "Pace.Web.dll");
        if (!File.Exists(webAssembly))
        {
            throw new BenchException($"{webAssembly} is missing: ./pace bench run builds it (dotnet build src/Pace.Web -c Release)");
        }

        using var paceWeb = StartProcess(Environment.ProcessPath!, [webAssembly], Path.Combine(root, "src", "Pace.Web"), Path.Combine(output, "pace-web.log"), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = web.ToString().TrimEnd('/'),
            ["ConnectionStrings__Pace"] = connectionString,
            ["Tokens__KeyEncryptionKey"] = BenchEnvironment.KeyEncryptionKey,
            ["Media__Root"] = Path.Combine(output, "media"),
            // The driver is the load balancer: it says the request came over HTTPS (X-Forwarded-Proto).
            ["ReverseProxy__KnownNetworks__0"] = "127.0.0.0/8",
            // Sign-in is not measured; Production only insists that a Google client is configured.
            ["Identity__Google__ClientId"] = "pace-bench.apps.example",
            ["Identity__Google__ClientSecret"] = "pace-bench",
        });
        using var rawServer = StartProcess(Environment.ProcessPath!, [typeof(BenchRun).Assembly.Location, "raw", "--urls", raw.ToString().TrimEnd('/')],
            root, Path.Combine(output, "raw.log"), new Dictionary<string, string>());
        try
        {
            await WaitReadyAsync(web, "readyz", paceWeb, cancellationToken);
            await WaitReadyAsync(raw, "healthz", rawServer, cancellationToken);
            LogStarted(logger, web, raw, settings.Connections, (int)settings.WarmUp.TotalSeconds, (int)settings.Window.TotalSeconds);
            var started = DateTimeOffset.UtcNow;
            var loadBefore = BenchScenarios.LoadAverage();
            using var scenarios = new BenchScenarios(web, raw, fixtures, settings, line => LogProgress(logger, line));
            var results = await scenarios.RunAllAsync(cancellationToken);
            var report = Report(results, settings, database, started, loadBefore, BenchScenarios.LoadAverage());
            var file = Path.Combine(output, $"run-{started:yyyyMMdd-HHmmss}.md");
            await File.WriteAllTextAsync(file, report, cancellationToken);
            Console.WriteLine();
            Console.WriteLine(report);
            LogWritten(logger, file);
            return results.Any(r => r.Measurement is { Failures: > 0 }) ? 1 : 0;
        }
        finally
        {
            Stop(rawServer);
            Stop(paceWeb);
        }
    }

    /// <summary>The results as a Markdown table, with the ratio of each PACE figure to its raw twin.</summary>
    public static string Report(IReadOnlyList<ScenarioResult> results, BenchSettings settings, string database, DateTimeOffset started, double loadBefore, double loadAfter)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Run of {started:yyyy-MM-dd HH:mm} UTC on {Environment.MachineName} ({Environment.ProcessorCount} cores), database {database}, " +
            $"{settings.Connections} connections, {settings.WarmUp.TotalSeconds:0} s warm-up and {settings.Window.TotalSeconds:0} s measured per scenario; " +
            $"load average {loadBefore:0.00} before, {loadAfter:0.00} after.");
        text.AppendLine();
        text.AppendLine("| Scenario | Target | Ops/s | p50 ms | p95 ms | p99 ms | max ms | Failed | vs raw (throughput) | Load before → after |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var result in results)
        {
            if (result.Measurement is not { } m)
            {
                text.AppendLine(culture, $"| {result.Name} | {result.Target} | | | | | | | | {result.Skipped} |");
                continue;
            }

            var twin = results.FirstOrDefault(r => r.Baseline == result.Name)?.Measurement;
            var ratio = twin is null || twin.PerSecond == 0 ? "" : (m.PerSecond / twin.PerSecond).ToString("0.00x", culture);
            text.AppendLine(culture,
                $"| {result.Name} | {result.Target} | {m.PerSecond:0.0} | {m.P50Ms:0.0} | {m.P95Ms:0.0} | {m.P99Ms:0.0} | {m.MaxMs:0.0} | {m.Failures} | {ratio} | {result.LoadBefore:0.00} → {result.LoadAfter:0.00} |");
        }

        foreach (var failed in results.Where(r => r.Measurement?.FirstFailure is not null))
        {
            text.AppendLine();
            text.AppendLine(culture, $"{failed.Name}, first failure: {failed.Measurement!.FirstFailure}");
        }

        return text.ToString();
    }

    private static Process StartProcess(string fileName, IReadOnlyList<string> arguments, string workingDirectory, string logFile, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new BenchException($"cannot start {fileName}");
        // The log lives as long as this run (a few minutes); it is flushed line by line.
        var log = TextWriter.Synchronized(new StreamWriter(logFile, append: false) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Write(string? line)
        {
            if (line is not null)
            {
                log.WriteLine(line);
            }
        }
    }

    private static async Task WaitReadyAsync(Uri baseAddress, string path, Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new BenchException($"{baseAddress} exited with code {process.ExitCode} before it was ready (its log is in .pace/bench/)");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new BenchException($"{baseAddress}{path} did not answer 200 within {StartTimeout.TotalSeconds:0} s (its log is in .pace/bench/)");
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "pace-web at {Web}, raw baseline at {Raw}; {Connections} connections, {WarmUp} s warm-up, {Window} s per scenario")]
    private static partial void LogStarted(ILogger logger, Uri web, Uri raw, int connections, int warmUp, int window);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogProgress(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "written to {File}")]
    private static partial void LogWritten(ILogger logger, string file);
}
