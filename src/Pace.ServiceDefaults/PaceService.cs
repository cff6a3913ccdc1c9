using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pace.ServiceDefaults;

/// <summary>
/// What every PACE service shares: JSON logs with trace ids, OpenTelemetry (off unless configured), health and
/// readiness endpoints, ProblemDetails, graceful shutdown, and a one-line error when it cannot start.
/// </summary>
public static class PaceService
{
    public static WebApplicationBuilder CreateBuilder(string[] args, string serviceName)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration["Service:Name"] ??= serviceName;

        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddConsole(o => o.FormatterName ??= PaceJsonConsoleFormatter.FormatterName)
            .AddConsoleFormatter<PaceJsonConsoleFormatter, PaceJsonConsoleFormatterOptions>(o => o.ServiceName = serviceName);

        builder.Services.AddPaceTelemetry(builder.Configuration, serviceName);
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.TryAddSingletonTimeProvider();
        return builder;
    }

    /// <summary>Binds, validates at start-up and registers one feature's options (STYLE.md: one class per feature).</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// Runs the application; a start-up failure that is not a bug (a busy port, an invalid setting) ends the process
    /// with one line on stderr naming it and exit code 1.
    /// </summary>
    public static async Task<int> RunServiceAsync(this WebApplication app)
    {
        var name = app.Configuration["Service:Name"] ?? app.Environment.ApplicationName;
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"{name}: cannot start: {ex.Message}");
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"{name}: invalid configuration: {string.Join("; ", ex.Failures)}");
            return 1;
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several options classes failed their start-up validation at once: still one line, naming them all.
            var failures = ex.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
            await Console.Error.WriteLineAsync($"{name}: invalid configuration: {string.Join("; ", failures)}");
            return 1;
        }
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
