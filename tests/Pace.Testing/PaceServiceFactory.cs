using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Pace.Testing;

/// <summary>
/// Runs one PACE service in the test process on real Kestrel, on a free loopback port, with the given settings
/// (connection strings, peers). Tests talk to it over real HTTP through <see cref="CreateHttpClient"/>.
/// </summary>
public class PaceServiceFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public PaceServiceFactory(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
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
    }
}
