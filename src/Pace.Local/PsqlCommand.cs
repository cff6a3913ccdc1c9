using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Pace.Local;

/// <summary>
/// <c>./pace psql [pace|pace_ai] [psql arguments]</c>: psql on the local cluster as its superuser. When the cluster is
/// not running it is started for the session and stopped afterwards (unless a <c>./pace run</c> took it over meanwhile).
/// </summary>
internal static class PsqlCommand
{
    public static async Task<int> ExecuteAsync(Workspace workspace, string[] arguments, ILogger logger)
    {
        var (database, psqlArguments) = arguments switch
        {
            [("pace" or "pace_ai") and var name, .. var rest] => (name, rest),
            _ => ("pace", arguments),
        };

        var postgres = LocalPostgres.ForRun(workspace, logger);
        // Ctrl+C belongs to psql (it cancels the running query); SIGTERM still ends the session cleanly.
        using var signals = new ShutdownSignals(interrupt: false);
        try
        {
            return await postgres.UseAsync(
                async cancellationToken =>
                {
                    await postgres.CreateDatabaseIfMissingAsync(database, cancellationToken);
                    return await RunPsqlAsync(postgres, database, psqlArguments, cancellationToken);
                },
                signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received)
        {
            return signals.ExitCode;
        }
    }

    private static async Task<int> RunPsqlAsync(LocalPostgres postgres, string database, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(postgres.ClientProgram("psql")) { UseShellExecute = false };
        foreach (var argument in (string[])["-h", "127.0.0.1", "-p", postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", LocalPostgres.Superuser, "-d", database, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // The password through the environment, not the command line (which every user can read in ps).
        start.Environment["PGPASSWORD"] = postgres.Password;
        start.Environment["PGAPPNAME"] = postgres.LauncherApplicationName;

        using var process = Process.Start(start) ?? throw new LauncherException("cannot start psql");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }
}
