using Microsoft.AspNetCore.HttpOverrides;

namespace Pace.Web.Common;

/// <summary>
/// pace-web behind a load balancer that ends TLS (production): the balancer's <c>X-Forwarded-Proto</c> and
/// <c>X-Forwarded-For</c> say that the request came over HTTPS and from whom, which secure cookies and antiforgery,
/// rate limits per address and the audit log's addresses need. Believed only from the networks listed in
/// <c>ReverseProxy:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/8</c>); with none listed (development, or pace-web facing
/// the internet itself) the headers are ignored, so nobody can claim another address.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = KnownNetworks(configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what is configured is trusted (and with nothing configured the
            // middleware is not used at all: with empty lists it would believe anyone).
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{Section}:KnownNetworks has '{network}', which is not a network in CIDR notation (10.0.0.0/8)."));
            }
        });
        return services;
    }

    /// <summary>The forwarded headers are read first, so that everything after sees what the balancer received.</summary>
    public static IApplicationBuilder UseReverseProxy(this IApplicationBuilder app, IConfiguration configuration) =>
        KnownNetworks(configuration).Length > 0 ? app.UseForwardedHeaders() : app;

    private static string[] KnownNetworks(IConfiguration configuration) =>
        configuration.GetSection(Section + ":KnownNetworks").Get<string[]>() ?? [];
}
