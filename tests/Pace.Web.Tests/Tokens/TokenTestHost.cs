using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pace.Data;
using Pace.Identity;
using Pace.Testing;

namespace Pace.Web.Tests.Tokens;

/// <summary>pace-web on real Kestrel over a fresh migrated Pace DB, with a test clock and its own key-encryption key.</summary>
public sealed class TokenTestHost : IAsyncDisposable
{
    private readonly PaceServiceFactory<WebService> _factory;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private TokenTestHost(TestDatabase database, PaceServiceFactory<WebService> factory, TestClock clock, HttpClient client, IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        Clock = clock;
        Database = database;
        _factory = factory;
        Http = client;
    }

    public TestDatabase Database { get; }

    public HttpClient Http { get; }

    public TestClock Clock { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>A client that shows redirects instead of following them (to see a browser being sent to sign in).</summary>
    public HttpClient CreateNonRedirectingClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _factory.BaseAddress };

    public Uri BaseAddress => _factory.BaseAddress;

    /// <summary>The folder of the media store (a fresh one per host, deleted with it).</summary>
    public string MediaRoot => _settings[PaceWebSettings.MediaRoot]!;

    public static async Task<TokenTestHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        var all = PaceWebSettings.For(database.ConnectionString, settings);
        var clock = new TestClock();
        var factory = new PaceServiceFactory<WebService>(all, clock);
        return new TokenTestHost(database, factory, clock, factory.CreateHttpClient(), all);
    }

    public async Task<User> SeedUserAsync(string email, UserRole role = UserRole.Agent, bool active = true, Guid? teamId = null)
    {
        await using var db = Database.CreatePaceDbContext();
        var user = new User { Email = email, DisplayName = email.Split('@')[0], Role = role, IsActive = active, TeamId = teamId, CreatedAt = Clock.Now, UpdatedAt = Clock.Now };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async Task<(MachineClient Client, string Secret)> SeedClientAsync(string clientId, params string[] scopes)
    {
        await using var db = Database.CreatePaceDbContext();
        var secret = TokenSecrets.NewSecret();
        var client = new MachineClient { ClientId = clientId, Name = clientId, SecretHash = TokenSecrets.Hash(secret), Scopes = scopes, CreatedAt = Clock.Now, UpdatedAt = Clock.Now };
        db.MachineClients.Add(client);
        await db.SaveChangesAsync();
        return (client, secret);
    }

    /// <summary>A personal token made the way the API and <c>./pace token create</c> make one.</summary>
    public async Task<(PersonalToken Row, string Token)> SeedPersonalTokenAsync(User user, int days = 90)
    {
        await using var db = Database.CreatePaceDbContext();
        var (entity, token, _) = PersonalTokenFactory.Create(user.Id, "seeded", days, [], Clock.Now);
        db.PersonalTokens.Add(entity!);
        await db.SaveChangesAsync();
        return (entity!, token!);
    }

    public Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, params (string Key, string Value)[] form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/oauth/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        return Http.SendAsync(request);
    }

    public async Task<string> AccessTokenAsync(string clientId, string secret, params (string Key, string Value)[] form)
    {
        using var response = await RequestTokenAsync(clientId, secret, form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Token exchange: the client acting for the person the subject token names.</summary>
    public Task<string> DelegatedTokenAsync(string clientId, string secret, string subjectToken, string subjectType = "urn:ietf:params:oauth:token-type:access_token") =>
        AccessTokenAsync(clientId, secret,
            ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            ("subject_token", subjectToken),
            ("subject_token_type", subjectType));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, object? json = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return await Http.SendAsync(request);
    }

    public async Task<List<string>> AuditDataAsync(string action)
    {
        await using var db = Database.CreatePaceDbContext();
        return db.AuditLog.Where(a => a.Action == action).OrderBy(a => a.Id).Select(a => a.Data).ToList().Select(d => d ?? "").ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        await Database.DisposeAsync();
        PaceWebSettings.DeleteMedia(_settings);
    }
}
