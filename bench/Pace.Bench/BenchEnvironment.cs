using System.Globalization;

namespace Pace.Bench;

/// <summary>
/// What <c>./pace bench</c> hands over (Pace.Local starts the cluster and sets these): the cluster's admin connection
/// string, the benchmark database's name, the repository, pace-web's key-encryption key and the ports to use.
/// </summary>
public static class BenchEnvironment
{
    public const string PostgresVariable = "PACE_BENCH_POSTGRES";
    public const string DatabaseVariable = "PACE_BENCH_DATABASE";
    public const string DefaultDatabase = "pace_bench";

    public static string AdminConnectionString => Required(PostgresVariable);

    public static string Database => Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } name ? name : DefaultDatabase;

    public static string Root => Required("PACE_ROOT");

    public static string KeyEncryptionKey => Required("PACE_BENCH_KEK");

    public static int WebPort => Port("PACE_WEB_PORT", 8180);

    public static int RawPort => WebPort + 1;

    private static int Port(string variable, int fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)
            : fallback;

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: start the benchmark with ./pace bench, which sets it.");
}
