using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Pace.ServiceDefaults;

public static class ServiceInfoEndpoint
{
    /// <summary><c>GET /about</c> names the service and its build, so a person or a probe can tell which service answers
    /// (not <c>/</c>, which is pace-web's landing page).</summary>
    public static IEndpointRouteBuilder MapServiceInfo(this IEndpointRouteBuilder app)
    {
        var configuration = app.ServiceProvider.GetService(typeof(IConfiguration)) as IConfiguration;
        var name = configuration?["Service:Name"] ?? "pace";
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
        app.MapGet("/about", () => TypedResults.Ok(new { service = name, version }))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
