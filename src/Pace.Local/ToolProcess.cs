using System.Diagnostics;

namespace Pace.Local;

/// <summary>Runs a command-line tool (initdb, pg_ctl, chown) to completion and collects what it printed.</summary>
internal static class ToolProcess
{
    private const string SetsidPath = "/usr/bin/setsid";

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;

        /// <summary>The last non-empty line of the output: the one that says what went wrong.</summary>
        public string LastLine => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = DetachedStartInfo(fileName, arguments);
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        using var process = Process.Start(start) ?? throw new LauncherException($"cannot start {fileName}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, ((await output) + (await error)).Trim());
    }

    /// <summary>
    /// A start of <paramref name="fileName"/> in a session of its own (util-linux <c>setsid</c>, which keeps the process
    /// id): a Ctrl+C at the terminal then reaches only the launcher, which stops its children in order, instead of
    /// interrupting them halfway (a <c>pg_ctl stop</c> must finish).
    /// </summary>
    public static ProcessStartInfo DetachedStartInfo(string fileName, IEnumerable<string> arguments)
    {
        var detach = File.Exists(SetsidPath);
        var start = new ProcessStartInfo(detach ? SetsidPath : fileName) { UseShellExecute = false };
        if (detach)
        {
            start.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// Waits for a child in a session of its own (see <see cref="DetachedStartInfo"/>) and returns its exit code. On
    /// cancellation (Ctrl+C at the launcher) the child gets SIGINT once and a grace period to finish, then is killed.
    /// </summary>
    public static async Task<int> WaitForwardingInterruptAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Native.Signal(process.Id, Native.SigInt);
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>The <c>dotnet</c> host this launcher runs on, to start the services and tests on the same one.</summary>
    public static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
