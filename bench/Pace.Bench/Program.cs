using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pace.Bench;
using Pace.Bench.Generate;
using Pace.Bench.Raw;
using Pace.Bench.Run;
using Pace.Data.Seed;

// ./pace bench generate | run (see ./pace help); "raw" is the baseline server the run starts as a process of its own.
using var loggerFactory = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Information)
    .AddFilter("Microsoft", LogLevel.Warning)
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss ";
    }));
var logger = loggerFactory.CreateLogger("bench");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    switch (args)
    {
        case ["generate", .. var options]:
            var size = DemoDataSize.Benchmark;
            size = size with
            {
                AgentsPerTeam = Option(options, "--agents-per-team") ?? size.AgentsPerTeam,
                TeamsPerArea = Option(options, "--teams-per-area") ?? size.TeamsPerArea,
                Listings = Option(options, "--listings") ?? size.Listings,
                Applicants = Option(options, "--applicants") ?? size.Applicants,
            };
            await BenchDataset.GenerateAsync(BenchEnvironment.AdminConnectionString, BenchEnvironment.Database, size, TimeProvider.System, logger, stop.Token);
            return 0;
        case ["run", .. var options]:
            var settings = new BenchSettings(
                Connections: Option(options, "--connections") ?? 4,
                WarmUp: TimeSpan.FromSeconds(Option(options, "--warmup") ?? 5),
                Window: TimeSpan.FromSeconds(Option(options, "--seconds") ?? 20),
                Only: Text(options, "--only"));
            return await BenchRun.ExecuteAsync(settings, logger, stop.Token);
        case ["raw", "--urls", var urls]:
            await using (var raw = RawServer.Build(BenchDataset.ConnectionString(BenchEnvironment.AdminConnectionString, BenchEnvironment.Database), urls))
            {
                await raw.RunAsync(stop.Token);
            }

            return 0;
        default:
            Console.Error.WriteLine("usage: Pace.Bench generate [--applicants N] [--listings N] [--agents-per-team N] [--teams-per-area N] | run [--connections N] [--warmup S] [--seconds S] [--only SCENARIO] (./pace bench …)");
            return 2;
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException or HttpRequestException or BenchException)
{
    Console.Error.WriteLine("pace bench: " + ex.Message);
    return 1;
}

static int? Option(string[] options, string name) =>
    Text(options, name) is { } value ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) : null;

static string? Text(string[] options, string name)
{
    var index = Array.IndexOf(options, name);
    return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
}
