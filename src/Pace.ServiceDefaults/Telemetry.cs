using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pace.ServiceDefaults;

public static class Telemetry
{
    /// <summary>Activity sources and meters of our own code start with this prefix.</summary>
    public const string SourcePrefix = "Pace.";

    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", SourcePrefix + "*"];
    private static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Npgsql", SourcePrefix + "*"];

    /// <summary>
    /// Traces and metrics exported over OTLP when <c>Telemetry:OtlpEndpoint</c> (or the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set; nothing is exported otherwise. The providers are singletons, so the
    /// container disposes (and flushes) them at shutdown.
    /// </summary>
    public static IServiceCollection AddPaceTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var endpoint = configuration["Telemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                "Telemetry:OtlpEndpoint", typeof(string), [$"Telemetry:OtlpEndpoint '{endpoint}' is not an absolute URI."]);
        }

        var protocol = configuration["Telemetry:OtlpProtocol"] == "http" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        void Configure(OtlpExporterOptions o)
        {
            o.Endpoint = uri;
            o.Protocol = protocol;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddOtlpExporter(Configure)
            .Build());
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter(Configure)
            .Build());
        services.AddHostedService<TelemetryStarter>();
        return services;
    }

    /// <summary>
    /// Creates the providers when the host starts; the container created them, so it disposes (and flushes) them
    /// when the host stops.
    /// </summary>
    private sealed class TelemetryStarter(TracerProvider tracing, MeterProvider metrics) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            tracing is null || metrics is null ? throw new InvalidOperationException("Telemetry providers missing.") : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
