using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Options;

namespace Pace.Integrations.Google;

/// <summary>
/// Reading the Workspace directory (Admin SDK Directory API) as a service account with domain-wide delegation,
/// impersonating a Workspace administrator (<c>Google:Directory:*</c>).
/// </summary>
public sealed class GoogleDirectoryOptions
{
    public const string Section = "Google:Directory";

    public const string ReadonlyScope = "https://www.googleapis.com/auth/admin.directory.user.readonly";

    /// <summary>The service account's JSON key file (Google's format; its <c>token_uri</c> says where tokens come from).</summary>
    [Required]
    public string ServiceAccountKeyFile { get; set; } = "";

    /// <summary>The Workspace administrator the service account acts as.</summary>
    [Required]
    [EmailAddress]
    public string AdminEmail { get; set; } = "";

    /// <summary>The Workspace domain whose users are listed.</summary>
    [Required]
    public string Domain { get; set; } = "";

    /// <summary>Google's <c>https://admin.googleapis.com/</c>, or the sandbox's <c>http://127.0.0.1:8090/google/</c>.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://admin.googleapis.com/";
}

/// <summary>A Workspace account as users.list returns it.</summary>
public sealed record DirectoryUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("primaryEmail")] string PrimaryEmail,
    [property: JsonPropertyName("name")] DirectoryUserName Name,
    [property: JsonPropertyName("suspended")] bool Suspended,
    [property: JsonPropertyName("isAdmin")] bool IsAdmin,
    [property: JsonPropertyName("orgUnitPath")] string? OrgUnitPath);

public sealed record DirectoryUserName(
    [property: JsonPropertyName("givenName")] string? GivenName,
    [property: JsonPropertyName("familyName")] string? FamilyName,
    [property: JsonPropertyName("fullName")] string? FullName);

public sealed class GoogleDirectoryClient(HttpClient http, IOptions<GoogleDirectoryOptions> options)
{
    private GoogleCredential? _credential;

    /// <summary>Every user of the domain, page by page (users.list, 500 a page).</summary>
    public async IAsyncEnumerable<DirectoryUser> ListUsersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        string? pageToken = null;
        do
        {
            var path = $"admin/directory/v1/users?domain={Uri.EscapeDataString(settings.Domain)}&maxResults=500&orderBy=email"
                + (pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(Normalize(settings.BaseUrl)), path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync(cancellationToken));
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new HttpRequestException($"Directory users.list answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
            }

            var page = await response.Content.ReadFromJsonAsync<UsersPage>(cancellationToken)
                ?? throw new HttpRequestException("Directory users.list answered an empty body.");
            foreach (var user in page.Users ?? [])
            {
                yield return user;
            }

            pageToken = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(pageToken));
    }

    private async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_credential is null)
        {
            var settings = options.Value;
            var key = await CredentialFactory.FromFileAsync<ServiceAccountCredential>(settings.ServiceAccountKeyFile, cancellationToken);
            _credential = key.ToGoogleCredential().CreateScoped(GoogleDirectoryOptions.ReadonlyScope).CreateWithUser(settings.AdminEmail);
        }

        // The credential caches the token and refreshes it shortly before it expires.
        return await _credential.UnderlyingCredential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
    }

    private static string Normalize(string baseUrl) => baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";

    private sealed record UsersPage(
        [property: JsonPropertyName("users")] List<DirectoryUser>? Users,
        [property: JsonPropertyName("nextPageToken")] string? NextPageToken);
}
