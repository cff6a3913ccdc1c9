using System.Diagnostics;
using System.Net;

namespace Pace.Local;

/// <summary>One PACE service as <c>./pace run</c> starts it: its name, project, port and settings.</summary>
internal sealed record ServiceDefinition(string Name, string Label, string Project, string PortVariable, int Port, int Color)
{
    /// <summary>The four services and their ports (<c>PACE_WEB_PORT</c>… override the defaults).</summary>
    public static IReadOnlyList<ServiceDefinition> ReadAll() =>
    [
        new("pace-web", "web", "Pace.Web", "PACE_WEB_PORT", Settings.Port("PACE_WEB_PORT", 8080), 36),
        new("pace-ai", "ai", "Pace.Ai", "PACE_AI_PORT", Settings.Port("PACE_AI_PORT", 8081), 35),
        new("pace-mcp", "mcp", "Pace.Mcp", "PACE_MCP_PORT", Settings.Port("PACE_MCP_PORT", 8082), 33),
        new("pace-sandbox", "sandbox", "Pace.Sandbox", "PACE_SANDBOX_PORT", Settings.Port("PACE_SANDBOX_PORT", 8090), 32),
    ];

    public Uri Address => new($"http://127.0.0.1:{Port}/");
}

/// <summary>
/// A running service: a child process (<c>dotnet Pace.Web.dll</c>) in its own session, so Ctrl+C reaches only the
/// launcher, which stops the services in order. Its output goes to the terminal line by line behind <c>[web] </c>.
/// </summary>
internal sealed class LocalService : IDisposable
{
    private readonly Process _process;
    private readonly string _prefix;
    private Task? _exited;

    public LocalService(ServiceDefinition definition, string assembly, string workingDirectory, IReadOnlyDictionary<string, string?> environment, int prefixWidth)
    {
        Definition = definition;
        _prefix = $"[{definition.Label}]".PadRight(prefixWidth + 2) + " ";
        var start = ToolProcess.DetachedStartInfo(ToolProcess.DotnetHost(), [assembly]);
        start.WorkingDirectory = workingDirectory;
        // Not the terminal: a .NET child that finds a terminal on stdin changes its settings.
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        _process = new Process { StartInfo = start };
    }

    public ServiceDefinition Definition { get; }

    /// <summary>Completes when the process has exited and its output is written.</summary>
    public Task Exited => _exited ?? throw new InvalidOperationException("Not started.");

    public int ExitCode => _process.ExitCode;

    public int ProcessId => _process.Id;

    public void Start()
    {
        _process.OutputDataReceived += (_, e) => Write(e.Data, isError: false);
        _process.ErrorDataReceived += (_, e) => Write(e.Data, isError: true);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _exited = _process.WaitForExitAsync();
    }

    /// <summary>Whether <c>/readyz</c> answers 200, and what it said otherwise.</summary>
    public async Task<(bool Ready, string Detail)> ProbeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Definition.Address, "readyz"), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK
                ? (true, "")
                : (false, $"/readyz answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        catch (HttpRequestException ex)
        {
            return (false, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, "/readyz did not answer in time");
        }
    }

    /// <summary>
    /// Stops the service the way Kubernetes does: SIGTERM (the host shuts down gracefully), then, after
    /// <paramref name="grace"/>, the whole process tree is killed.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_exited is null || _exited.IsCompleted)
        {
            return;
        }

        Native.Signal(_process.Id, Native.SigTerm);
        if (await Task.WhenAny(_exited, Task.Delay(grace)) != _exited)
        {
            _process.Kill(entireProcessTree: true);
            await _exited;
        }
    }

    public void Dispose() => _process.Dispose();

    private void Write(string? line, bool isError)
    {
        if (line is not null)
        {
            ConsoleSink.Prefixed(_prefix, Definition.Color, line, isError);
        }
    }
}
