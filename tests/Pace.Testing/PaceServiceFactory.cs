using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pace.Testing;

/// <summary>
/// Runs one PACE service in the test process on real Kestrel, on a free loopback port, with the given settings
/// (connection strings, peers). Tests talk to it over real HTTP through <see cref="CreateHttpClient"/>.
/// </summary>
public class PaceServiceFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Configuration the service starts with.</param>
    /// <param name="clock">Replaces the service's clock (a <see cref="TestClock"/>), when the test controls time.</param>
    /// <param name="services">Further service replacements.</param>
    public PaceServiceFactory(
        IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _clock = clock;
        _services = services;
        // No port here: UseKestrel(port) rewrites the server addresses after the host is built, racing the minimal-API
        // Program that starts the server itself ("Addresses cannot be modified after the server has started" under
        // parallel tests). The Urls setting below binds an ephemeral loopback port instead.
        UseKestrel();
    }

    /// <summary>The address Kestrel listens on, once started.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public HttpClient CreateHttpClient()
    {
        StartServer();
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (_clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(_clock);
            }

            _services?.Invoke(services);
        });
    }
}
