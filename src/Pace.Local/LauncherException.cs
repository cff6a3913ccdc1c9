namespace Pace.Local;

/// <summary>
/// A failure the person at the terminal can act on (a busy port, a broken setting, a missing tool): the launcher
/// prints its message as one line and exits with code 1, without a stack trace.
/// </summary>
internal sealed class LauncherException : Exception
{
    public LauncherException(string message)
        : base(message)
    {
    }

    public LauncherException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
