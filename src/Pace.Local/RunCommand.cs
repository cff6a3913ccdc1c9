using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Pace.Data;
using Pace.Data.Seed;

namespace Pace.Local;

/// <summary>
/// <c>./pace run</c>: the private cluster started (created on first use), both databases migrated, the demo data
/// loaded into an empty Pace DB, and the four services running in the foreground until Ctrl+C.
/// </summary>
internal static partial class RunCommand
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private static readonly (string Email, string Role)[] DemoStaff =
    [
        (DemoAccounts.Admin, "Admin"),
        (DemoAccounts.Manager, $"Manager of the {DemoAccounts.MarinaTeam} team"),
        (DemoAccounts.Agent, $"Agent in the {DemoAccounts.MarinaTeam} team"),
        (DemoAccounts.Agent2, $"Agent in the {DemoAccounts.DowntownTeam} team"),
    ];

    public static async Task<int> ExecuteAsync(Workspace workspace, ILogger logger)
    {
        // Every setting is read, and every port checked, before anything starts: a mistake costs one line, no clean-up.
        var services = ServiceDefinition.ReadAll();
        var jsonLogs = Settings.JsonLogs();
        var skipSeed = Settings.Flag("PACE_SKIP_SEED");
        var postgres = LocalPostgres.ForRun(workspace, logger);
        EnsureDistinctPorts(services, postgres);
        var record = new RunRecord(workspace, logger);
        await record.StopLeftoversAsync();
        EnsurePortsFree(services);
        var assemblies = services.ToDictionary(s => s.Name, s => workspace.ServiceAssembly(s.Project));
        var keyEncryptionKey = LocalSecrets.KeyEncryptionKey(workspace);
        var sandbox = services.Single(s => s.Project == "Pace.Sandbox");
        var google = LocalGoogleWorkspace.Prepare(workspace, $"http://127.0.0.1:{sandbox.Port}/google");

        using var signals = new ShutdownSignals();
        var running = new List<LocalService>();
        try
        {
            await postgres.StartAsync(signals.Token);
            foreach (var database in Databases.All)
            {
                await Databases.MigrateAsync(postgres.ConnectionString(database.DefaultDatabaseName()), database, logger, signals.Token);
            }

            if (skipSeed)
            {
                LogSeedSkipped(logger);
            }
            else
            {
                await Databases.SeedAsync(postgres.ConnectionString(PaceDatabase.Pace.DefaultDatabaseName()), logger, signals.Token);
            }

            EnsurePortsFree(services);
            var width = services.Max(s => s.Label.Length);
            foreach (var service in services)
            {
                var environment = ServiceEnvironment(service, services, postgres, jsonLogs, keyEncryptionKey, google, workspace);
                var process = new LocalService(service, assemblies[service.Name], workspace.ProjectDirectory(service.Project), environment, width);
                running.Add(process);
                process.Start();
            }

            record.Write(running.Select(s => (s.ProcessId, assemblies[s.Definition.Name])));

            LogStarting(logger, services.Count);
            await WaitUntilReadyAsync(running, signals.Token);
            ConsoleSink.Line(Banner(services, postgres, workspace));

            var exited = await Task.WhenAny(running.Select(s => s.Exited).Append(Task.Delay(Timeout.Infinite, signals.Token)));
            if (!signals.Received)
            {
                var service = running.First(s => s.Exited == exited);
                throw new LauncherException($"{service.Definition.Name} exited unexpectedly (exit code {service.ExitCode}), so PACE was stopped");
            }

            return 0;
        }
        catch (OperationCanceledException) when (signals.Received)
        {
            return 0;
        }
        finally
        {
            if (running.Count > 0)
            {
                LogStopping(logger);
                await Task.WhenAll(running.Select(s => s.StopAsync(StopGrace)));
                foreach (var service in running)
                {
                    service.Dispose();
                }

                record.Delete();
            }

            // A cluster this run found running is left alone when nothing was started on it (a second ./pace run
            // that fails on a busy port must not stop the first one's database).
            if (postgres.StartedHere || running.Count > 0)
            {
                await postgres.StopAsync();
            }
        }
    }

    private static Dictionary<string, string?> ServiceEnvironment(
        ServiceDefinition service, IReadOnlyList<ServiceDefinition> services, LocalPostgres postgres, bool jsonLogs, string keyEncryptionKey,
        LocalGoogleWorkspace google, Workspace workspace)
    {
        var web = services.Single(s => s.Project == "Pace.Web");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Urls"] = $"http://127.0.0.1:{service.Port}",
            // Other ways to set the addresses, or to reach production databases, must not leak in from the shell.
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["DOTNET_URLS"] = null,
            ["ConnectionStrings__Pace"] = null,
            ["ConnectionStrings__PaceAi"] = null,
        };
        if (!jsonLogs)
        {
            // The services log JSON for Cloud Logging; a person at a terminal reads one plain line per entry better.
            environment["Logging__Console__FormatterName"] = "simple";
            environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
            environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ";
        }

        switch (service.Project)
        {
            case "Pace.Web":
                environment["ConnectionStrings__Pace"] = postgres.ConnectionString(PaceDatabase.Pace.DefaultDatabaseName(), service.Name);
                environment["Tokens__KeyEncryptionKey"] = keyEncryptionKey;
                // Uploaded photos and floor plans, kept with the rest of the local state.
                environment["Media__Root"] = Path.Combine(workspace.StateDirectory, "media");
                google.ConfigurePaceWeb(environment);
                break;
            case "Pace.Sandbox":
                google.ConfigureSandbox(environment);
                break;
            case "Pace.Ai":
                environment["ConnectionStrings__PaceAi"] = postgres.ConnectionString(PaceDatabase.PaceAi.DefaultDatabaseName(), service.Name);
                environment["PaceApi__BaseUrl"] = $"http://127.0.0.1:{web.Port}";
                break;
            case "Pace.Mcp":
                environment["PaceApi__BaseUrl"] = $"http://127.0.0.1:{web.Port}";
                break;
            default:
                break;
        }

        return environment;
    }

    private static async Task WaitUntilReadyAsync(List<LocalService> services, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var pending = new List<LocalService>(services);
        var details = new Dictionary<LocalService, string>();
        var clock = Stopwatch.StartNew();
        while (pending.Count > 0)
        {
            if (services.FirstOrDefault(s => s.Exited.IsCompleted) is { } exited)
            {
                throw new LauncherException($"{exited.Definition.Name} exited (exit code {exited.ExitCode}) before it was ready: see its lines above");
            }

            foreach (var service in pending.ToList())
            {
                var (ready, detail) = await service.ProbeAsync(http, cancellationToken);
                if (ready)
                {
                    pending.Remove(service);
                }
                else
                {
                    details[service] = detail;
                }
            }

            if (pending.Count == 0)
            {
                break;
            }

            if (clock.Elapsed > ReadyTimeout)
            {
                var waiting = string.Join("; ", pending.Select(s => $"{s.Definition.Name}: {details.GetValueOrDefault(s)}"));
                throw new LauncherException($"not ready after {ReadyTimeout.TotalSeconds:0} s: {waiting}");
            }

            await Task.Delay(ProbeInterval, cancellationToken);
        }
    }

    private static void EnsureDistinctPorts(IReadOnlyList<ServiceDefinition> services, LocalPostgres postgres)
    {
        var ports = services.Select(s => (s.PortVariable, s.Port)).Append((postgres.PortVariable, postgres.Port)).ToList();
        var clash = ports.GroupBy(p => p.Port).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new LauncherException($"{string.Join(" and ", clash.Select(p => p.PortVariable))} are both {clash.Key}: each needs its own port");
        }
    }

    private static void EnsurePortsFree(IEnumerable<ServiceDefinition> services)
    {
        foreach (var service in services)
        {
            if (!PortProbe.IsFree(service.Port))
            {
                throw new LauncherException($"port {service.Port} ({service.Name}) is already in use (set {service.PortVariable} to use another)");
            }
        }
    }

    private static string Banner(IReadOnlyList<ServiceDefinition> services, LocalPostgres postgres, Workspace workspace)
    {
        var banner = new StringBuilder().AppendLine().AppendLine("PACE is running:");
        foreach (var service in services)
        {
            banner.AppendLine(CultureInfo.InvariantCulture, $"  {service.Name,-14}{service.Address}");
        }

        banner.AppendLine(CultureInfo.InvariantCulture, $"  {"PostgreSQL",-14}127.0.0.1:{postgres.Port}  user {LocalPostgres.Superuser}, password in {workspace.Display(postgres.PasswordFile)}  (./pace psql)")
            .AppendLine()
            .AppendLine("Demo accounts:");
        foreach (var (email, role) in DemoStaff)
        {
            banner.AppendLine(CultureInfo.InvariantCulture, $"  {email,-26}{role}");
        }

        return banner.AppendLine().Append("Ctrl+C to stop.").ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PACE_SKIP_SEED is set: demo data not loaded")]
    private static partial void LogSeedSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "starting {Count} services…")]
    private static partial void LogStarting(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping the services…")]
    private static partial void LogStopping(ILogger logger);
}
