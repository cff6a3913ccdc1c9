using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Pace.Testing;

namespace Pace.Sandbox.Tests.Google;

/// <summary>The parameters a client puts on Google's authorization URL.</summary>
public sealed record Authorize
{
    public string ClientId { get; init; } = "pace-web.apps.sandbox.example";

    public string RedirectUri { get; init; } = "http://127.0.0.1:8080/signin-google";

    public string ResponseType { get; init; } = "code";

    public string Scope { get; init; } = "openid email profile";

    public string? State { get; init; } = "state-" + Guid.NewGuid().ToString("N");

    public string? Nonce { get; init; } = "nonce-" + Guid.NewGuid().ToString("N");

    public string? CodeVerifier { get; init; } = Pkce.NewVerifier();

    public string CodeChallengeMethod { get; init; } = "S256";

    public string? HostedDomain { get; init; }

    public string? LoginHint { get; init; }

    public string? AccessType { get; init; }

    public string? Prompt { get; init; }

    public string? ResponseMode { get; init; }

    public string Url()
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = ResponseType,
            ["scope"] = Scope,
            ["state"] = State,
            ["nonce"] = Nonce,
            ["hd"] = HostedDomain,
            ["login_hint"] = LoginHint,
            ["access_type"] = AccessType,
            ["prompt"] = Prompt,
            ["response_mode"] = ResponseMode,
        };
        if (CodeVerifier is not null)
        {
            query["code_challenge"] = CodeChallengeMethod == "S256" ? Pkce.Challenge(CodeVerifier) : CodeVerifier;
            query["code_challenge_method"] = CodeChallengeMethod;
        }

        return QueryHelpers.AddQueryString("/google/o/oauth2/v2/auth", query.Where(p => p.Value is not null));
    }
}

public static class Pkce
{
    public static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}

/// <summary>
/// The Google twin of one test: its own sandbox process state, an HTTP client that does not follow redirects (a
/// browser's view of the flow), and helpers that act the way a browser and PACE's clients do.
/// </summary>
public sealed partial class GoogleTwin : IAsyncDisposable
{
    public const string WebClientId = "pace-web.apps.sandbox.example";
    public const string WebClientSecret = "sandbox-secret";
    public const string RedirectUri = "http://127.0.0.1:8080/signin-google";
    public const string DirectoryReadonly = "https://www.googleapis.com/auth/admin.directory.user.readonly";

    private readonly PaceServiceFactory<SandboxService> _factory;

    private GoogleTwin(PaceServiceFactory<SandboxService> factory, TestClock clock)
    {
        _factory = factory;
        Clock = clock;
        // A plain client over the loopback socket: with Kestrel, the factory's client options cannot stop the
        // socket handler from following Google's redirect to the (absent) client application.
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = factory.BaseAddress };
    }

    public TestClock Clock { get; }

    public HttpClient Http { get; }

    public Uri BaseAddress => _factory.BaseAddress;

    /// <summary>The default issuer: the twin's base URL as reached.</summary>
    public string Issuer => new Uri(BaseAddress, "/google").ToString();

    public string TokenEndpoint => Issuer + "/token";

    public static GoogleTwin Start(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var clock = new TestClock();
        var factory = new PaceServiceFactory<SandboxService>(settings ?? [], clock, services);
        return new GoogleTwin(factory, clock);
    }

    public static Uri Relative(string path) => new(path, UriKind.Relative);

    /// <summary>Opens the authorization URL and clicks the directory account's button; returns where Google sends the browser.</summary>
    public async Task<Uri> ChooseAccountAsync(Authorize request, string email)
    {
        var page = await OpenSignInPageAsync(request);
        var form = Form(page, "accounts");
        Assert.Contains($"name=\"email\" value=\"{email}\"", form, StringComparison.Ordinal);
        return await PostFormAsync(form, new() { ["email"] = email });
    }

    /// <summary>Opens the authorization URL and types an address into "Use another account".</summary>
    public async Task<Uri> TypeEmailAsync(Authorize request, string email)
    {
        var page = await OpenSignInPageAsync(request);
        return await PostFormAsync(Form(page, "other"), new() { ["email"] = email });
    }

    public async Task<Uri> CancelAsync(Authorize request)
    {
        var page = await OpenSignInPageAsync(request);
        return await PostFormAsync(Form(page, "cancel"), new() { ["cancel"] = "1" });
    }

    public async Task<string> OpenSignInPageAsync(Authorize request)
    {
        using var response = await Http.GetAsync(Relative(request.Url()));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The sign-in page answered {response.StatusCode}: {html}");
        return html;
    }

    /// <summary>Posts one of the page's forms as a browser would: its hidden fields plus what the person entered.</summary>
    public async Task<Uri> PostFormAsync(string form, Dictionary<string, string> entered)
    {
        var response = await SubmitFormAsync(form, entered);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {response.StatusCode}: {body}");
        return response.Headers.Location!;
    }

    public async Task<HttpResponseMessage> SubmitFormAsync(string form, Dictionary<string, string> entered)
    {
        var action = WebUtility.HtmlDecode(FormAction().Match(form).Groups[1].Value);
        var fields = HiddenInput().Matches(form)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Concat(entered)
            .ToList();
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(Relative(action), content);
    }

    public static string Form(string page, string cssClass)
    {
        var match = Regex.Match(page, $"<form method=\"post\" action=\"[^\"]*\" class=\"{cssClass}\">.*?</form>", RegexOptions.Singleline);
        Assert.True(match.Success, $"The page has no '{cssClass}' form.");
        return match.Value;
    }

    public static Dictionary<string, string> Query(Uri redirect) =>
        QueryHelpers.ParseQuery(redirect.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Signs a directory account in and returns the code from the redirect.</summary>
    public async Task<string> CodeForAsync(Authorize request, string email)
    {
        var redirect = await ChooseAccountAsync(request, email);
        return Query(redirect)["code"];
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(
        string code,
        string? verifier,
        string redirectUri = RedirectUri,
        string clientSecret = WebClientSecret,
        bool basic = false)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        AuthenticationHeaderValue? authorization = null;
        if (basic)
        {
            var pair = $"{Uri.EscapeDataString(WebClientId)}:{Uri.EscapeDataString(clientSecret)}";
            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        else
        {
            form["client_id"] = WebClientId;
            form["client_secret"] = clientSecret;
        }

        return await PostTokenAsync(form, authorization);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostTokenAsync(Dictionary<string, string> form, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Relative("/google/token")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await JsonAsync(response));
    }

    /// <summary>The whole code flow for a directory account: sign in, redeem with the verifier, return the token response.</summary>
    public async Task<JsonElement> SignInAsync(string email, Authorize? request = null)
    {
        request ??= new Authorize();
        var code = await CodeForAsync(request, email);
        var (status, body) = await RedeemAsync(code, request.CodeVerifier);
        Assert.True(status == HttpStatusCode.OK, $"Token exchange failed: {body}");
        return body;
    }

    /// <summary>What a client library does: discovery, then JWKS, both over HTTP.</summary>
    public async Task<OpenIdConnectConfiguration> DiscoverAsync()
    {
        using var http = new HttpClient();
        var retriever = new HttpDocumentRetriever(http) { RequireHttps = false };
        return await OpenIdConnectConfigurationRetriever.GetAsync(Issuer + "/.well-known/openid-configuration", retriever, CancellationToken.None);
    }

    /// <summary>Validates an ID token the way PACE does: signature against the JWKS fetched now, issuer, audience, lifetime.</summary>
    public async Task<TokenValidationResult> ValidateIdTokenAsync(string idToken, string? issuer = null)
    {
        var configuration = await DiscoverAsync();
        return await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = issuer ?? Issuer,
            ValidAudience = WebClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
    }

    /// <summary>A service-account assertion signed with the key of the downloaded key file (or another key).</summary>
    public async Task<string> AssertionAsync(
        string? subject,
        string scope,
        RSA? otherKey = null,
        string? audience = null,
        TimeSpan? lifetime = null,
        DateTimeOffset? issuedAt = null)
    {
        var keyFile = await ServiceAccountKeyFileAsync();
        using var key = RSA.Create();
        key.ImportFromPem(keyFile.GetProperty("private_key").GetString());
        var signingKey = new RsaSecurityKey(otherKey ?? key)
        {
            KeyId = keyFile.GetProperty("private_key_id").GetString(),
            // IdentityModel caches signature providers by key; this RSA instance is disposed after signing.
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        var iat = issuedAt ?? Clock.GetUtcNow();
        var claims = new Dictionary<string, object> { ["scope"] = scope };
        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = keyFile.GetProperty("client_email").GetString(),
            Audience = audience ?? keyFile.GetProperty("token_uri").GetString(),
            IssuedAt = iat.UtcDateTime,
            Expires = (iat + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> JwtBearerAsync(string assertion) =>
        await PostTokenAsync(new()
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = assertion,
        });

    /// <summary>A delegated access token for <paramref name="subject"/> from the demo service account.</summary>
    public async Task<string> DelegatedTokenAsync(string subject, string scope = DirectoryReadonly)
    {
        var (status, body) = await JwtBearerAsync(await AssertionAsync(subject, scope));
        Assert.True(status == HttpStatusCode.OK, $"JWT-bearer grant failed: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    public async Task<JsonElement> ServiceAccountKeyFileAsync()
    {
        var (status, body) = await HttpAssert.GetJsonAsync(Http, "/google/_sandbox/service-account.json");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative(path));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await JsonAsync(response));
    }

    public async Task<HttpStatusCode> PostAsync(string path, object? json = null)
    {
        using var response = await Http.PostAsync(Relative(path), json is null ? null : JsonContent.Create(json));
        return response.StatusCode;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }

    [GeneratedRegex("<form method=\"[a-z]+\" action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}
