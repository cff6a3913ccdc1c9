using System.Diagnostics;
using System.Net;

namespace Pace.Bench.Run;

/// <summary>
/// One operation of a scenario: the GET requests a client makes for it, in order (a page with its timeline is two).
/// <paramref name="Client"/> carries the caller's token.
/// </summary>
public sealed record Operation(HttpClient Client, IReadOnlyList<string> Paths);

/// <summary>What a scenario did in its measured window.</summary>
public sealed record Measurement(int Operations, int Failures, TimeSpan Window, double P50Ms, double P95Ms, double P99Ms, double MaxMs, string? FirstFailure)
{
    public double PerSecond => Operations / Window.TotalSeconds;
}

/// <summary>
/// A closed-loop load: a fixed number of workers, each with one request in flight, over as many kept-alive connections,
/// for a warm-up that is thrown away and then a measured window. Latency is from sending the first request of an
/// operation to having read the whole body of its last; every answer but 200 is a failure.
/// </summary>
public static class LoadDriver
{
    /// <summary>An HttpClient with <paramref name="connections"/> kept-alive connections to <paramref name="baseAddress"/>, sending <paramref name="token"/>.</summary>
    public static HttpClient CreateClient(Uri baseAddress, string? token, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        // As the load balancer that ends TLS in production says it (pace-web believes it from loopback in the run):
        // secure cookies and the antiforgery of the HTML pages insist on HTTPS.
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Sends one operation and returns the status of the first request that did not answer 200, or 200.</summary>
    public static async Task<(HttpStatusCode Status, string Detail)> ProbeAsync(Operation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        foreach (var path in operation.Paths)
        {
            using var response = await operation.Client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                return (response.StatusCode, $"GET {path} answered {(int)response.StatusCode}: {Shorten(body)}");
            }
        }

        return (HttpStatusCode.OK, "");
    }

    public static async Task<Measurement> MeasureAsync(
        Func<long, Operation> operations, int workers, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        long sequence = -1;
        await RunAsync(operations, workers, warmUp, () => Interlocked.Increment(ref sequence), record: null, cancellationToken);

        var latencies = new List<long>[workers];
        var failures = 0;
        string? firstFailure = null;
        var started = Stopwatch.GetTimestamp();
        await RunAsync(
            operations,
            workers,
            window,
            () => Interlocked.Increment(ref sequence),
            (worker, elapsedTicks, failure) =>
            {
                if (failure is null)
                {
                    (latencies[worker] ??= new List<long>(4096)).Add(elapsedTicks);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
            },
            cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Measurement(all.Length, failures, elapsed, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99),
            all.Length == 0 ? 0 : ToMs(all[^1]), firstFailure);
    }

    private static async Task RunAsync(
        Func<long, Operation> operations, int workers, TimeSpan duration, Func<long> next, Action<int, long, string?>? record, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(
            async () =>
            {
                // Each worker completes one operation at least, however short the window (the smoke test's is).
                do
                {
                    var operation = operations(next());
                    var start = Stopwatch.GetTimestamp();
                    string? failure = null;
                    foreach (var path in operation.Paths)
                    {
                        using var response = await operation.Client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            failure = $"GET {path} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync(cancellationToken))}";
                            break;
                        }
                    }

                    record?.Invoke(worker, Stopwatch.GetTimestamp() - start, failure);
                }
                while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested);
            },
            cancellationToken));
        await Task.WhenAll(tasks);
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : ToMs(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
