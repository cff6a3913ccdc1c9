using System.ComponentModel.DataAnnotations;
using System.Net.Http.Json;
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

/// <summary>An answer with the ETag of the record it carries, to send back in <c>If-Match</c> with a change.</summary>
public sealed record Versioned<T>(T Value, string? ETag);

/// <summary>
/// Typed client of the PACE REST API, for pace-ai, pace-mcp, tests and the benchmark driver. Authentication is the
/// HttpClient's: set its bearer token (a machine token, a delegated token or a personal token). Every refusal
/// throws <see cref="PaceApiException"/> with the API's ProblemDetails.
/// </summary>
public sealed class PaceApiClient(HttpClient http)
{
    public ApplicantsClient Applicants => new(this);

    public DashboardClient Dashboard => new(this);

    public ListingsClient Listings => new(this);

    public ViewingsClient Viewings => new(this);

    public OffersClient Offers => new(this);

    public DealsClient Deals => new(this);

    public ActivitiesClient Activities => new(this);

    public TasksClient Tasks => new(this);

    public NotificationsClient Notifications => new(this);

    public async Task<bool> IsAliveAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode;
    }

    internal async Task<Versioned<T>> SendAsync<T>(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var response = await SendRawAsync(method, path, body, ifMatch, idempotencyKey, cancellationToken);
        var value = await response.Content.ReadFromJsonAsync<T>(PaceJson.Options, cancellationToken)
            ?? throw new PaceApiException($"{method} {path} answered {(int)response.StatusCode} with no body.");
        return new Versioned<T>(value, response.Headers.ETag?.ToString());
    }

    internal async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken, string? ifMatch = null)
    {
        using var response = await SendRawAsync(method, path, null, ifMatch, null, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method, string path, object? body, string? ifMatch, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            // A form (an upload) goes as it is; anything else as JSON.
            request.Content = body as HttpContent ?? JsonContent.Create(body, body.GetType(), options: PaceJson.Options);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await PaceApiException.FromAsync(response, cancellationToken);
            }
        }

        return response;
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
