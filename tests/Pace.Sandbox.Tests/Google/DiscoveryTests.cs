using System.Net;
using Pace.Testing;

namespace Pace.Sandbox.Tests.Google;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task The_discovery_document_has_Googles_shape_and_every_endpoint_it_names_answers()
    {
        await using var google = GoogleTwin.Start();

        var (status, document) = await HttpAssert.GetJsonAsync(google.Http, "/google/.well-known/openid-configuration");
        var configuration = await google.DiscoverAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(google.Issuer, configuration.Issuer);
        Assert.Equal(google.Issuer + "/o/oauth2/v2/auth", configuration.AuthorizationEndpoint);
        Assert.Equal(google.Issuer + "/token", configuration.TokenEndpoint);
        Assert.Equal(google.Issuer + "/oauth2/v3/userinfo", configuration.UserInfoEndpoint);
        Assert.Equal(google.Issuer + "/oauth2/v3/certs", configuration.JwksUri);
        Assert.Equal(["RS256"], configuration.IdTokenSigningAlgValuesSupported);
        Assert.Equal(["public"], configuration.SubjectTypesSupported);
        Assert.Equal(["openid", "email", "profile"], configuration.ScopesSupported);
        Assert.Equal(["client_secret_post", "client_secret_basic"], configuration.TokenEndpointAuthMethodsSupported);
        Assert.Equal(["plain", "S256"], configuration.CodeChallengeMethodsSupported);
        Assert.Contains("code", configuration.ResponseTypesSupported);
        Assert.Subset(
            new HashSet<string> { "authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:jwt-bearer" },
            configuration.GrantTypesSupported.ToHashSet());
        Assert.Subset(
            configuration.ClaimsSupported.ToHashSet(),
            new HashSet<string> { "aud", "email", "email_verified", "exp", "family_name", "given_name", "iat", "iss", "name", "picture", "sub" });
        Assert.Equal(google.Issuer + "/revoke", document.GetProperty("revocation_endpoint").GetString());

        // Every endpoint exists and answers in its own protocol, not with a 404.
        Assert.Equal(2, configuration.JsonWebKeySet.Keys.Count);
        Assert.All(configuration.JsonWebKeySet.Keys, k =>
        {
            Assert.Equal("RSA", k.Kty);
            Assert.Equal("RS256", k.Alg);
            Assert.Equal("sig", k.Use);
            Assert.Equal(40, k.Kid.Length);
            Assert.Equal("AQAB", k.E);
        });
        using (var authorize = await google.Http.GetAsync(new Uri(configuration.AuthorizationEndpoint)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
            Assert.Contains("Missing required parameter: client_id", await authorize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var (tokenStatus, token) = await google.PostTokenAsync(new() { ["grant_type"] = "authorization_code" });
        Assert.Equal(HttpStatusCode.BadRequest, tokenStatus);
        Assert.Equal("invalid_request", token.GetProperty("error").GetString());
        var (userInfoStatus, _) = await google.GetAsync(new Uri(configuration.UserInfoEndpoint).PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, userInfoStatus);
    }

    [Fact]
    public async Task The_issuer_can_be_pinned_to_Googles_while_the_endpoints_stay_in_the_sandbox()
    {
        await using var google = GoogleTwin.Start(new() { ["Sandbox:Google:Issuer"] = "https://accounts.google.com" });

        var configuration = await google.DiscoverAsync();
        var tokens = await google.SignInAsync("agent@allsop.example");
        var result = await google.ValidateIdTokenAsync(tokens.GetProperty("id_token").GetString()!, issuer: "https://accounts.google.com");

        Assert.Equal("https://accounts.google.com", configuration.Issuer);
        Assert.Equal(google.Issuer + "/token", configuration.TokenEndpoint);
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task The_certificates_are_cached_until_the_next_rotation()
    {
        await using var google = GoogleTwin.Start();

        using var first = await google.Http.GetAsync(GoogleTwin.Relative("/google/oauth2/v3/certs"));
        google.Clock.Advance(TimeSpan.FromHours(1));
        using var later = await google.Http.GetAsync(GoogleTwin.Relative("/google/oauth2/v3/certs"));

        Assert.Equal(TimeSpan.FromHours(6), first.Headers.CacheControl!.MaxAge);
        Assert.Equal(TimeSpan.FromHours(5), later.Headers.CacheControl!.MaxAge);
        Assert.True(first.Headers.CacheControl.Public);
    }
}
