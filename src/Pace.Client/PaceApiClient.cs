using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pace.Client;

/// <summary>Where pace-web's REST API is (<c>PaceApi:BaseUrl</c>).</summary>
public sealed class PaceApiOptions
{
    public const string Section = "PaceApi";

    [Required]
    [Url]
    public string BaseUrl { get; set; } = "http://127.0.0.1:8080";
}

/// <summary>Typed client of the PACE REST API, for pace-ai, pace-mcp, tests and the benchmark driver.</summary>
public sealed class PaceApiClient(HttpClient http)
{
    public async Task<bool> IsAliveAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode;
    }
}

public static class PaceClientServiceCollectionExtensions
{
    public static IServiceCollection AddPaceClient(this IServiceCollection services)
    {
        services.AddOptions<PaceApiOptions>().BindConfiguration(PaceApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<PaceApiClient>((sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<PaceApiOptions>>().Value.BaseUrl;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }
}
