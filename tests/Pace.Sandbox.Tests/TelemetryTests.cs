using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pace.Testing;

namespace Pace.Sandbox.Tests;

/// <summary>Telemetry goes out over OTLP only when configured; the service's own HTTP requests are traced.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Traces_reach_the_configured_OTLP_collector_with_the_service_name()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var sandbox = new PaceServiceFactory<SandboxService>(new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = collector.Address,
            ["Telemetry:OtlpProtocol"] = "http",
        });
        using (var client = sandbox.CreateHttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        }

        // The batch exporter sends every few seconds: wait for the request's span, with a deadline, not a sleep.
        var traces = await collector.WaitForAsync("/v1/traces", body => body.Contains("/healthz", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.NotEmpty(traces);
        Assert.Contains(traces, body => body.Contains("pace-sandbox", StringComparison.Ordinal) && body.Contains("/healthz", StringComparison.Ordinal));
        Assert.All(collector.ContentTypes, t => Assert.Equal("application/x-protobuf", t));
    }

    [Fact]
    public async Task An_invalid_collector_address_ends_start_up_with_one_line()
    {
        var result = await ServiceProcess.RunToExitAsync("Pace.Sandbox.dll", new Dictionary<string, string?>
        {
            ["Telemetry__OtlpEndpoint"] = "collector:4317",
            ["Urls"] = "http://127.0.0.1:0",
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("pace-sandbox: invalid configuration: Telemetry:OtlpEndpoint is not an absolute http(s) URL.", result.StandardError.Trim());
    }

    /// <summary>A minimal OTLP/HTTP collector on loopback that keeps what it receives.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string ContentType, string Body)> _received = new();

        private OtlpCollector(WebApplication app) => _app = app;

        public string Address { get; private set; } = "";

        public IEnumerable<string> ContentTypes => _received.Select(r => r.ContentType);

        public List<string> Received(string path) => _received.Where(r => r.Path == path).Select(r => r.Body).ToList();

        /// <summary>What arrived at <paramref name="path"/> once something matching <paramref name="until"/> has, or at the deadline.</summary>
        public async Task<List<string>> WaitForAsync(string path, Func<string, bool> until, TimeSpan deadline)
        {
            using var timeout = new CancellationTokenSource(deadline);
            using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (!Received(path).Any(until) && !timeout.IsCancellationRequested)
            {
                await poll.WaitForNextTickAsync(CancellationToken.None);
            }

            return Received(path);
        }

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                // Protobuf keeps strings as UTF-8 bytes, so names and routes can be found in the raw body.
                collector._received.Enqueue((context.Request.Path, context.Request.ContentType ?? "", Encoding.UTF8.GetString(body.ToArray())));
                return Results.Ok();
            });
            await app.StartAsync();
            collector.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
