using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pace.Data;

namespace Pace.Local;

/// <summary>
/// <c>./pace test</c>: every test suite against a cluster of its own (<c>.pace/test-pg</c>, never the data of
/// <c>./pace run</c>). Before the tests, the cluster gets freshly migrated template databases, <c>pace_template</c> and
/// <c>pace_ai_template</c>, which tests clone (<c>CREATE DATABASE x TEMPLATE pace_template</c>, a file copy); the
/// tests find the cluster through <c>PACE_TEST_POSTGRES</c>. The cluster is stopped afterwards, also on failure and
/// on Ctrl+C.
/// </summary>
internal static partial class TestCommand
{
    public const string AdminVariable = "PACE_TEST_POSTGRES";

    public static async Task<int> ExecuteAsync(Workspace workspace, IReadOnlyList<string> testArguments, ILogger logger)
    {
        var postgres = LocalPostgres.ForTests(workspace, logger);
        using var runLock = AcquireRunLock(workspace);
        using var signals = new ShutdownSignals();
        try
        {
            await postgres.StartAsync(signals.Token);
            await PrepareTemplatesAsync(postgres, logger, signals.Token);
            var exitCode = await RunTestsAsync(workspace, postgres, testArguments, signals);
            if (signals.Received)
            {
                return signals.ExitCode;
            }

            if (exitCode == 0)
            {
                LogPassed(logger);
            }
            else
            {
                LogFailed(logger, exitCode);
            }

            return exitCode;
        }
        catch (OperationCanceledException) when (signals.Received)
        {
            return signals.ExitCode;
        }
        finally
        {
            // The test cluster belongs to the tests alone: always stopped, whoever started it.
            await postgres.StopAsync();
        }
    }

    /// <summary>
    /// One <c>./pace test</c> per clone at a time: a second one would drop the first one's databases. The lock is the
    /// kernel's (flock), so a run that was killed leaves none behind.
    /// </summary>
    private static FileStream AcquireRunLock(Workspace workspace)
    {
        Directory.CreateDirectory(workspace.StateDirectory);
        try
        {
            return new FileStream(Path.Combine(workspace.StateDirectory, "test.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new LauncherException("another ./pace test is running in this clone: wait for it to finish");
        }
    }

    public static string TemplateName(PaceDatabase database) => database.DefaultDatabaseName() + "_template";

    /// <summary>
    /// Drops every database a previous run left (a run killed halfway leaves its test databases) and builds the
    /// templates anew from the migrations of this build.
    /// </summary>
    private static async Task PrepareTemplatesAsync(LocalPostgres postgres, ILogger logger, CancellationToken cancellationToken)
    {
        var admin = postgres.ConnectionString(LocalPostgres.MaintenanceDatabase);
        foreach (var leftover in await Databases.ListUserDatabasesAsync(admin, cancellationToken))
        {
            await postgres.DropDatabaseIfExistsAsync(leftover, cancellationToken);
        }

        foreach (var database in Databases.All)
        {
            var template = TemplateName(database);
            await Databases.MigrateAsync(postgres.ConnectionString(template), database, logger, cancellationToken);
            await Databases.MarkAsTemplateAsync(admin, template, cancellationToken);
        }

        var templates = string.Join(", ", Databases.All.Select(TemplateName));
        LogTemplatesReady(logger, postgres.Port, templates);
    }

    private static async Task<int> RunTestsAsync(Workspace workspace, LocalPostgres postgres, IReadOnlyList<string> testArguments, ShutdownSignals signals)
    {
        // In a session of its own, like the services: the launcher forwards Ctrl+C once and then stops the cluster.
        var start = ToolProcess.DetachedStartInfo(
            ToolProcess.DotnetHost(),
            ["test", Path.Combine(workspace.Root, "Pace.slnx"), "--no-build", "-c", workspace.Configuration, .. testArguments]);
        start.WorkingDirectory = workspace.Root;
        start.Environment[AdminVariable] = postgres.ConnectionString(LocalPostgres.MaintenanceDatabase, "pace-tests");

        using var process = Process.Start(start) ?? throw new LauncherException("cannot start dotnet test");
        return await ToolProcess.WaitForwardingInterruptAsync(process, signals.Token);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "test cluster on 127.0.0.1:{Port}, templates {Templates} migrated")]
    private static partial void LogTemplatesReady(ILogger logger, int port, string templates);

    [LoggerMessage(Level = LogLevel.Information, Message = "all tests passed")]
    private static partial void LogPassed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "tests failed (dotnet test exited with code {ExitCode})")]
    private static partial void LogFailed(ILogger logger, int exitCode);
}
