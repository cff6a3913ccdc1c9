using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Pace.Local;

/// <summary>
/// <c>./pace bench generate|run</c>: the benchmark (<c>bench/Pace.Bench</c>, built in Release) on the local cluster,
/// in a database of its own (<c>pace_bench</c>), never the demo data of <c>./pace run</c>. The launcher starts the
/// cluster for the time of the command, as <c>migrate</c> does, and hands the connection over.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> ExecuteAsync(Workspace workspace, IReadOnlyList<string> arguments, ILogger logger)
    {
        var assembly = Path.Combine(workspace.Root, "bench", "Pace.Bench", "bin", "Release", "net10.0", "Pace.Bench.dll");
        if (!File.Exists(assembly))
        {
            throw new LauncherException($"{workspace.Display(assembly)} is missing: ./pace bench builds it (unset PACE_NO_BUILD)");
        }

        using var signals = new ShutdownSignals();
        var postgres = LocalPostgres.ForRun(workspace, logger);
        try
        {
            return await postgres.UseAsync(
                async cancellationToken =>
                {
                    var start = ToolProcess.DetachedStartInfo(ToolProcess.DotnetHost(), [assembly, .. arguments]);
                    start.WorkingDirectory = workspace.Root;
                    start.Environment["PACE_BENCH_POSTGRES"] = postgres.ConnectionString(LocalPostgres.MaintenanceDatabase, "pace-bench");
                    start.Environment["PACE_BENCH_KEK"] = LocalSecrets.KeyEncryptionKey(workspace);
                    start.Environment["PACE_ROOT"] = workspace.Root;
                    using var process = Process.Start(start) ?? throw new LauncherException("cannot start the benchmark");
                    return await ToolProcess.WaitForwardingInterruptAsync(process, cancellationToken);
                },
                signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received)
        {
            return signals.ExitCode;
        }
    }
}
