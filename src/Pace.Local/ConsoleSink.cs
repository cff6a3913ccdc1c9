using Microsoft.Extensions.Logging;

namespace Pace.Local;

/// <summary>
/// The terminal, shared by the launcher and the output of the services it runs: whole lines only, so the four
/// services' logs interleave line by line, each prefixed with its service (<c>[web] </c>).
/// </summary>
internal static class ConsoleSink
{
    private static readonly Lock Gate = new();

    private static readonly bool Colors =
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    public static void Line(string text)
    {
        lock (Gate)
        {
            Console.Out.WriteLine(text);
        }
    }

    public static void Error(string text)
    {
        lock (Gate)
        {
            Console.Error.WriteLine(text);
        }
    }

    /// <summary>One line of a service's output, its prefix in the service's colour when the terminal shows colours.</summary>
    public static void Prefixed(string prefix, int color, string text, bool isError)
    {
        var line = Colors ? $"\e[{color}m{prefix}\e[0m{text}" : prefix + text;
        lock (Gate)
        {
            (isError ? Console.Error : Console.Out).WriteLine(line);
        }
    }
}

/// <summary>The launcher's own messages, as <c>pace: message</c> (warnings and errors on stderr).</summary>
internal sealed class LauncherLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => LauncherLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class LauncherLogger : ILogger
    {
        public static readonly LauncherLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = "pace: " + formatter(state, exception);
            if (logLevel >= LogLevel.Warning)
            {
                ConsoleSink.Error(message);
            }
            else
            {
                ConsoleSink.Line(message);
            }
        }
    }
}
