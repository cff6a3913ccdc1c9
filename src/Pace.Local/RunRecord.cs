using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Pace.Local;

/// <summary>
/// <c>.pace/run.pids</c>: which launcher runs which service processes. A launcher killed with SIGKILL cannot stop its
/// services; the next <c>./pace run</c> finds them here and stops them, instead of failing on their busy ports.
/// </summary>
internal sealed partial class RunRecord(Workspace workspace, ILogger logger)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private string FilePath => Path.Combine(workspace.StateDirectory, "run.pids");

    public void Write(IEnumerable<(int ProcessId, string Assembly)> services)
    {
        Directory.CreateDirectory(workspace.StateDirectory);
        var lines = services.Select(s => $"{s.ProcessId.ToString(CultureInfo.InvariantCulture)} {s.Assembly}")
            .Prepend($"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} {typeof(RunRecord).Assembly.Location}");
        File.WriteAllLines(FilePath, lines);
    }

    public void Delete() => File.Delete(FilePath);

    /// <summary>Stops the services of an earlier launcher that is gone; leaves a live launcher's services alone.</summary>
    public async Task StopLeftoversAsync()
    {
        if (!File.Exists(FilePath) || !OperatingSystem.IsLinux())
        {
            return;
        }

        var entries = (await File.ReadAllLinesAsync(FilePath))
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out _))
            .Select(parts => (ProcessId: int.Parse(parts[0], CultureInfo.InvariantCulture), Assembly: parts[1]))
            .ToList();
        if (entries.Count == 0 || IsRunning(entries[0].ProcessId, entries[0].Assembly))
        {
            return;
        }

        foreach (var (processId, assembly) in entries.Skip(1).Where(e => IsRunning(e.ProcessId, e.Assembly)))
        {
            var service = Path.GetFileNameWithoutExtension(assembly);
            LogLeftover(logger, service, processId);
            try
            {
                using var process = Process.GetProcessById(processId);
                Native.Signal(processId, Native.SigTerm);
                using var grace = new CancellationTokenSource(StopGrace);
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (ArgumentException)
            {
                // Exited meanwhile.
            }
        }

        Delete();
    }

    /// <summary>Whether <paramref name="processId"/> still runs <paramref name="assembly"/> (and is not a reused id).</summary>
    private static bool IsRunning(int processId, string assembly)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline").Split('\0').Contains(assembly, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping {Service} (pid {ProcessId}), left running by an earlier ./pace run that was killed")]
    private static partial void LogLeftover(ILogger logger, string service, int processId);
}
