using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pace.Identity;
using Pace.Testing;
using Pace.Web.Identity.Tokens;

namespace Pace.Web.Tests.Tokens;

public sealed class MachineTokenTests
{
    private const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

    [Fact]
    public async Task Client_credentials_issue_an_RS256_JWT_that_validates_against_the_JWKS_fetched_over_HTTP()
    {
        await using var host = await TokenTestHost.StartAsync();
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai", "mcp");

        using var response = await host.RequestTokenAsync("pace-ai", secret, ("grant_type", "client_credentials"), ("scope", "ai"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(600, body.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal("ai", body.RootElement.GetProperty("scope").GetString());
        var token = body.RootElement.GetProperty("access_token").GetString()!;

        using var jwksResponse = await host.Http.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
        Assert.True(jwksResponse.Headers.CacheControl?.MaxAge <= TimeSpan.FromMinutes(10));
        var jwks = new JsonWebKeySet(await jwksResponse.Content.ReadAsStringAsync());
        var key = Assert.Single(jwks.Keys);
        Assert.Equal(("RSA", "RS256", "sig"), (key.Kty, key.Alg, key.Use));
        Assert.Null(key.D);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "http://127.0.0.1:0",
            ValidAudience = "pace-web",
            IssuerSigningKeys = jwks.Keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("pace-ai", jwt.Subject);
        Assert.Equal("pace-ai", jwt.GetClaim("client_id").Value);
        Assert.Equal("ai", jwt.GetClaim("scope").Value);
        Assert.Equal(key.Kid, jwt.Kid);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(TimeSpan.FromMinutes(10), jwt.ValidTo - jwt.IssuedAt);
        Assert.False(jwt.TryGetClaim("role", out _));
    }

    [Fact]
    public async Task Without_a_scope_the_token_carries_all_the_clients_scopes_and_client_secret_post_works()
    {
        await using var host = await TokenTestHost.StartAsync();
        var (_, secret) = await host.SeedClientAsync("pace-mcp", "mcp", "ai");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "pace-mcp",
            ["client_secret"] = secret,
        });

        using var response = await host.Http.PostAsync(new Uri("/oauth/token", UriKind.Relative), content);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mcp ai", body.RootElement.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_as_invalid_client_and_audited()
    {
        await using var host = await TokenTestHost.StartAsync();
        await host.SeedClientAsync("pace-ai", "ai");

        using var response = await host.RequestTokenAsync("pace-ai", "not-the-secret", ("grant_type", "client_credentials"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        var audit = Assert.Single(await host.AuditDataAsync("token.refused"));
        Assert.Contains("wrong_secret", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", audit, StringComparison.Ordinal);
        Assert.Empty(await host.AuditDataAsync("token.issued"));
    }

    [Fact]
    public async Task An_unknown_grant_type_is_refused()
    {
        await using var host = await TokenTestHost.StartAsync();
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai");

        using var response = await host.RequestTokenAsync("pace-ai", secret, ("grant_type", "password"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_scope_not_granted_to_the_client_is_refused_as_invalid_scope()
    {
        await using var host = await TokenTestHost.StartAsync();
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai");

        using var response = await host.RequestTokenAsync("pace-ai", secret, ("grant_type", "client_credentials"), ("scope", "ai export:read"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Issuance_is_audited_with_client_scopes_and_subject_but_not_the_token()
    {
        await using var host = await TokenTestHost.StartAsync();
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai");

        var token = await host.AccessTokenAsync("pace-ai", secret, ("grant_type", "client_credentials"));

        var audit = Assert.Single(await host.AuditDataAsync("token.issued"));
        using var data = JsonDocument.Parse(audit);
        Assert.Equal("pace-ai", data.RootElement.GetProperty("client_id").GetString());
        Assert.Equal("pace-ai", data.RootElement.GetProperty("sub").GetString());
        Assert.Equal("ai", data.RootElement.GetProperty("scopes")[0].GetString());
        Assert.DoesNotContain(token.Split('.')[2], audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_token_without_a_person_is_forbidden_on_staff_endpoints()
    {
        await using var host = await TokenTestHost.StartAsync();
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai");
        var token = await host.AccessTokenAsync("pace-ai", secret, ("grant_type", "client_credentials"));

        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Token_exchange_yields_a_token_that_authenticates_as_the_person_with_act_naming_the_client()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, pat) = await host.SeedPersonalTokenAsync(agent);
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai", "mcp");

        var delegated = await host.AccessTokenAsync("pace-ai", secret,
            ("grant_type", TokenExchange), ("subject_token", pat),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"), ("scope", "ai"));

        var jwt = new JsonWebToken(delegated);
        Assert.Equal(agent.Id.ToString(), jwt.Subject);
        Assert.Equal("agent", jwt.GetClaim("role").Value);
        Assert.Equal("ai", jwt.GetClaim("scope").Value);
        Assert.Equal("pace-ai", jwt.GetPayloadValue<Dictionary<string, object>>("act")["sub"].ToString());
        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", delegated);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("seeded", Assert.Single(listed.EnumerateArray()).GetProperty("name").GetString());
        var audit = Assert.Single(await host.AuditDataAsync("token.issued"));
        Assert.Contains(agent.Id.ToString(), audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_assertion_is_exchanged_for_a_delegated_token_but_is_not_itself_an_access_token()
    {
        await using var host = await TokenTestHost.StartAsync();
        var manager = await host.SeedUserAsync("manager@allsop.example", UserRole.Manager);
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai");
        var issuer = host.Services.GetRequiredService<TokenIssuer>();
        var assertion = await issuer.IssueUserAssertionAsync(Actor.Person(manager.Id, UserRole.Manager, null), CancellationToken.None);

        var delegated = await host.DelegatedTokenAsync("pace-ai", secret, assertion, "urn:ietf:params:oauth:token-type:jwt");

        Assert.Equal("manager", new JsonWebToken(delegated).GetClaim("role").Value);
        using var withDelegated = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", delegated);
        Assert.Equal(HttpStatusCode.OK, withDelegated.StatusCode);
        using var withAssertion = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", assertion);
        Assert.Equal(HttpStatusCode.Unauthorized, withAssertion.StatusCode);
    }

    [Fact]
    public async Task Token_exchange_with_a_revoked_subject_token_is_refused_as_invalid_grant()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (row, pat) = await host.SeedPersonalTokenAsync(agent);
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai");
        using var revoke = await host.SendAsync(HttpMethod.Delete, $"/api/v1/me/tokens/{row.Id}", pat);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var response = await host.RequestTokenAsync("pace-ai", secret,
            ("grant_type", TokenExchange), ("subject_token", pat), ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_delegated_token_stops_working_once_its_person_is_deactivated()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, pat) = await host.SeedPersonalTokenAsync(agent);
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai");
        var delegated = await host.DelegatedTokenAsync("pace-ai", secret, pat);
        await using (var db = host.Database.CreatePaceDbContext())
        {
            var user = await db.Users.FindAsync(agent.Id);
            user!.IsActive = false;
            await db.SaveChangesAsync();
        }

        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", delegated);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string> Forgeries => ["tampered", "alg-none", "foreign-key", "wrong-audience", "wrong-issuer", "wrong-type"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_token_is_refused_while_the_same_claims_properly_signed_are_accepted(string forgery)
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var store = host.Services.GetRequiredService<SigningKeyStore>();
        var real = await store.GetSigningCredentialsAsync(CancellationToken.None);
        var descriptor = Descriptor(host, agent, real);
        var genuine = Sign(descriptor, real);
        using var foreignRsa = RSA.Create(2048);
        var forged = forgery switch
        {
            "tampered" => Tamper(genuine),
            "alg-none" => Unsigned(genuine),
            "foreign-key" => Sign(descriptor, new SigningCredentials(new RsaSecurityKey(foreignRsa) { KeyId = real.Key.KeyId }, SecurityAlgorithms.RsaSha256)),
            "wrong-audience" => Sign(With(descriptor, d => d.Audience = "pace-ai"), real),
            "wrong-issuer" => Sign(With(descriptor, d => d.Issuer = "https://evil.example"), real),
            "wrong-type" => Sign(With(descriptor, d => d.TokenType = "JWT"), real),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        using var accepted = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", genuine);
        using var refused = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", forged);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, pat) = await host.SeedPersonalTokenAsync(agent);
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai");
        var delegated = await host.DelegatedTokenAsync("pace-ai", secret, pat);

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", delegated);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_before_a_key_rotation_still_validates_after_it()
    {
        await using var host = await TokenTestHost.StartAsync(new Dictionary<string, string?> { ["Tokens:KeyRotationPeriod"] = "00:15:00" });
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, pat) = await host.SeedPersonalTokenAsync(agent);
        var (_, secret) = await host.SeedClientAsync("pace-ai", "ai");
        _ = await host.DelegatedTokenAsync("pace-ai", secret, pat);
        host.Clock.Advance(TimeSpan.FromMinutes(9));
        var before = await host.DelegatedTokenAsync("pace-ai", secret, pat);

        host.Clock.Advance(TimeSpan.FromMinutes(7));
        var after = await host.DelegatedTokenAsync("pace-ai", secret, pat);

        Assert.NotEqual(new JsonWebToken(before).Kid, new JsonWebToken(after).Kid);
        var (_, jwks) = await HttpAssert.GetJsonAsync(host.Http, "/.well-known/jwks.json");
        Assert.Equal(2, jwks.GetProperty("keys").GetArrayLength());
        using var withBefore = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", before);
        using var withAfter = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", after);
        Assert.Equal(HttpStatusCode.OK, withBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withAfter.StatusCode);
    }

    [Fact]
    public async Task Too_many_token_requests_for_one_client_answer_429()
    {
        await using var host = await TokenTestHost.StartAsync(new Dictionary<string, string?> { ["Tokens:TokenRequestsPerMinutePerClient"] = "3" });
        await host.SeedClientAsync("pace-ai", "ai");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await host.RequestTokenAsync("pace-ai", "guess-" + i, ("grant_type", "client_credentials"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("dG9vLXNob3J0")]
    public void A_missing_or_short_key_encryption_key_fails_validation_with_one_line_naming_the_setting_not_the_value(string? value)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Tokens:KeyEncryptionKey"] = value;
        builder.Services.AddAuthentication().AddPaceTokens(builder);
        using var services = builder.Services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TokenOptions>>().Value);

        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("Tokens:KeyEncryptionKey (env Tokens__KeyEncryptionKey) is missing", message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", message, StringComparison.Ordinal);
        Assert.DoesNotContain("dG9vLXNob3J0", message, StringComparison.Ordinal);
    }

    private static SecurityTokenDescriptor Descriptor(TokenTestHost host, User person, SigningCredentials credentials)
    {
        var now = host.Clock.Now.UtcDateTime;
        return new SecurityTokenDescriptor
        {
            Issuer = "http://127.0.0.1:0",
            Audience = TokenIssuer.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            TokenType = TokenIssuer.AccessTokenType,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = person.Id.ToString(),
                ["role"] = "agent",
                ["client_id"] = "pace-ai",
                ["scope"] = "ai",
                ["act"] = new Dictionary<string, object> { ["sub"] = "pace-ai" },
            },
            SigningCredentials = credentials,
        };
    }

    private static SecurityTokenDescriptor With(SecurityTokenDescriptor descriptor, Action<SecurityTokenDescriptor> change)
    {
        change(descriptor);
        return descriptor;
    }

    private static string Sign(SecurityTokenDescriptor descriptor, SigningCredentials credentials)
    {
        descriptor.SigningCredentials = credentials;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The role changed to admin in the payload, the signature kept.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"role\":\"agent\"", "\"role\":\"admin\"", StringComparison.Ordinal);
        Assert.Contains("admin", payload, StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    /// <summary>The same header and claims with <c>alg: none</c> and no signature.</summary>
    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64UrlEncoder.Decode(parts[0]))!;
        header["alg"] = "none";
        return $"{Base64UrlEncoder.Encode(JsonSerializer.Serialize(header))}.{parts[1]}.";
    }
}
