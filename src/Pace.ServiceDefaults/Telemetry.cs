using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pace.ServiceDefaults;

/// <summary>Where traces and metrics go (<c>Telemetry:*</c>). Nothing is exported unless an endpoint is set.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP collector base address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>:4318</c> (HTTP).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http</c> (OTLP/HTTP protobuf).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    internal bool HasValidEndpoint =>
        string.IsNullOrWhiteSpace(OtlpEndpoint)
        || (Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
}

public static class Telemetry
{
    /// <summary>Activity sources and meters of our own code start with this prefix.</summary>
    public const string SourcePrefix = "Pace.";

    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", SourcePrefix + "*"];
    private static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Npgsql", SourcePrefix + "*"];

    /// <summary>
    /// Traces and metrics exported over OTLP when <c>Telemetry:OtlpEndpoint</c> is set. The providers are created
    /// when the host starts and flushed when it stops.
    /// </summary>
    public static IServiceCollection AddPaceTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.HasValidEndpoint, "Telemetry:OtlpEndpoint is not an absolute http(s) URL.")
            .Validate(o => o.OtlpProtocol is "grpc" or "http", "Telemetry:OtlpProtocol must be 'grpc' or 'http'.")
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.OtlpEndpoint)}"]))
        {
            return services;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        services.AddSingleton(sp => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddOtlpExporter(o => Configure(o, sp.GetRequiredService<IOptions<TelemetryOptions>>().Value, "v1/traces"))
            .Build());
        services.AddSingleton(sp => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter(o => Configure(o, sp.GetRequiredService<IOptions<TelemetryOptions>>().Value, "v1/metrics"))
            .Build());
        services.AddHostedService<TelemetryStarter>();
        return services;
    }

    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions options, string httpPath)
    {
        var endpoint = new Uri(options.OtlpEndpoint!, UriKind.Absolute);
        if (options.OtlpProtocol == "http")
        {
            // Over HTTP an endpoint set in code is used as is: each signal needs its own path.
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + httpPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
        }
    }

    /// <summary>
    /// Creates the providers when the host starts; the container created them, so it disposes (and flushes) them
    /// when the host stops.
    /// </summary>
    private sealed class TelemetryStarter(TracerProvider tracing, MeterProvider metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            tracing is null || metrics is null ? throw new InvalidOperationException("Telemetry providers missing.") : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
