using System.Globalization;

namespace Pace.Local;

/// <summary>
/// The launcher's settings, read from <c>PACE_*</c> environment variables. A broken value ends the launcher with one
/// line naming the variable, before anything is started.
/// </summary>
internal static class Settings
{
    public static int Port(string variable, int defaultPort)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultPort;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new LauncherException($"{variable}='{value}' is not a port number (1-65535)");
    }

    public static bool Flag(string variable) => Environment.GetEnvironmentVariable(variable)?.Trim().ToUpperInvariant() switch
    {
        null or "" or "0" or "FALSE" or "NO" => false,
        "1" or "TRUE" or "YES" => true,
        var other => throw new LauncherException($"{variable}='{other.ToLowerInvariant()}' must be 1 or 0"),
    };

    /// <summary>
    /// Whether the services log JSON (<c>PACE_LOG_FORMAT=json</c>, as in production) or one readable line per entry
    /// (the default on a terminal).
    /// </summary>
    public static bool JsonLogs() => Environment.GetEnvironmentVariable("PACE_LOG_FORMAT")?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SIMPLE" => false,
        "JSON" => true,
        _ => throw new LauncherException($"PACE_LOG_FORMAT='{Environment.GetEnvironmentVariable("PACE_LOG_FORMAT")}' must be json or simple"),
    };
}
