using System.Net;
using System.Security.Cryptography;
using Google.Apis.Auth.OAuth2;
using Pace.Testing;

namespace Pace.Sandbox.Tests.Google;

/// <summary>Service accounts with domain-wide delegation: the JWT-bearer grant, as Google.Apis.Auth performs it.</summary>
public sealed class ServiceAccountTests
{
    [Fact]
    public async Task The_downloaded_key_file_gets_a_delegated_token_through_Google_Apis_Auth()
    {
        await using var google = GoogleTwin.Start();
        var keyFile = await google.ServiceAccountKeyFileAsync();

        var credential = CredentialFactory.FromJson<ServiceAccountCredential>(keyFile.GetRawText())
            .ToGoogleCredential()
            .CreateScoped(GoogleTwin.DirectoryReadonly)
            .CreateWithUser("admin@allsop.example");
        var accessToken = await credential.UnderlyingCredential.GetAccessTokenForRequestAsync();
        var (status, users) = await google.GetAsync("/google/admin/directory/v1/users?customer=my_customer", accessToken);

        Assert.Equal("service_account", keyFile.GetProperty("type").GetString());
        Assert.Equal("pace-sandbox@pace-sandbox.iam.gserviceaccount.com", keyFile.GetProperty("client_email").GetString());
        Assert.Equal(google.TokenEndpoint, keyFile.GetProperty("token_uri").GetString());
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", keyFile.GetProperty("private_key").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("ya29.", accessToken, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("admin#directory#users", users.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_grant_answers_in_Googles_shape()
    {
        await using var google = GoogleTwin.Start();

        var (status, body) = await google.JwtBearerAsync(await google.AssertionAsync("admin@allsop.example", GoogleTwin.DirectoryReadonly));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3599, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.False(body.TryGetProperty("id_token", out _));
        Assert.False(body.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task An_assertion_signed_with_another_key_is_refused()
    {
        await using var google = GoogleTwin.Start();
        using var stranger = RSA.Create(2048);

        var (status, body) = await google.JwtBearerAsync(await google.AssertionAsync("admin@allsop.example", GoogleTwin.DirectoryReadonly, otherKey: stranger));

        CodeFlowTests.AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Invalid JWT Signature.", status, body);
    }

    [Fact]
    public async Task A_scope_the_admin_did_not_delegate_is_an_unauthorized_client()
    {
        await using var google = GoogleTwin.Start();

        var (status, body) = await google.JwtBearerAsync(
            await google.AssertionAsync("admin@allsop.example", "https://www.googleapis.com/auth/admin.directory.user"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("unauthorized_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Impersonating_someone_outside_the_directory_is_an_invalid_grant()
    {
        await using var google = GoogleTwin.Start();
        await google.PostAsync("/google/_sandbox/users/agent2@allsop.example/suspend");

        var (unknown, unknownBody) = await google.JwtBearerAsync(await google.AssertionAsync("nobody@allsop.example", GoogleTwin.DirectoryReadonly));
        var (suspended, _) = await google.JwtBearerAsync(await google.AssertionAsync("agent2@allsop.example", GoogleTwin.DirectoryReadonly));

        CodeFlowTests.AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Invalid email or User ID", unknown, unknownBody);
        Assert.Equal(HttpStatusCode.BadRequest, suspended);
    }

    [Fact]
    public async Task An_assertion_must_be_short_lived_and_current()
    {
        await using var google = GoogleTwin.Start();
        var now = google.Clock.GetUtcNow();

        var (tooLong, body) = await google.JwtBearerAsync(
            await google.AssertionAsync("admin@allsop.example", GoogleTwin.DirectoryReadonly, lifetime: TimeSpan.FromHours(2)));
        var (stale, _) = await google.JwtBearerAsync(
            await google.AssertionAsync("admin@allsop.example", GoogleTwin.DirectoryReadonly, issuedAt: now - TimeSpan.FromHours(2)));
        var (future, _) = await google.JwtBearerAsync(
            await google.AssertionAsync("admin@allsop.example", GoogleTwin.DirectoryReadonly, issuedAt: now + TimeSpan.FromHours(1)));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.StartsWith("Invalid JWT: Token must be a short-lived token (60 minutes)", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, stale);
        Assert.Equal(HttpStatusCode.BadRequest, future);
    }

    [Fact]
    public async Task An_assertion_for_another_audience_or_without_a_scope_is_refused()
    {
        await using var google = GoogleTwin.Start();

        var (audience, audienceBody) = await google.JwtBearerAsync(
            await google.AssertionAsync("admin@allsop.example", GoogleTwin.DirectoryReadonly, audience: "https://example.com/token"));
        var (googles, _) = await google.JwtBearerAsync(
            await google.AssertionAsync("admin@allsop.example", GoogleTwin.DirectoryReadonly, audience: "https://oauth2.googleapis.com/token"));
        var (noScope, noScopeBody) = await google.JwtBearerAsync(await google.AssertionAsync("admin@allsop.example", scope: ""));

        Assert.Equal(HttpStatusCode.BadRequest, audience);
        Assert.Equal("invalid_grant", audienceBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, googles);
        CodeFlowTests.AssertOAuthError(HttpStatusCode.BadRequest, "invalid_scope", "Invalid OAuth scope or ID token audience provided.", noScope, noScopeBody);
    }

    [Fact]
    public async Task An_unknown_service_account_is_not_found()
    {
        await using var google = GoogleTwin.Start(new()
        {
            ["Sandbox:Google:ServiceAccounts:0:ClientEmail"] = "other@pace-sandbox.iam.gserviceaccount.com",
        });
        var keyFileEmail = (await google.ServiceAccountKeyFileAsync()).GetProperty("client_email").GetString();
        var assertion = await google.AssertionAsync("admin@allsop.example", GoogleTwin.DirectoryReadonly);
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
            "{\"iss\":\"ghost@pace-sandbox.iam.gserviceaccount.com\",\"aud\":\"x\",\"scope\":\"x\"}");

        var (status, body) = await google.JwtBearerAsync(forged);

        Assert.Equal("other@pace-sandbox.iam.gserviceaccount.com", keyFileEmail);
        Assert.Equal(HttpStatusCode.OK, (await google.JwtBearerAsync(assertion)).Status);
        CodeFlowTests.AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Invalid grant: account not found", status, body);
    }

    [Fact]
    public async Task A_service_account_acting_as_itself_cannot_read_the_directory()
    {
        await using var google = GoogleTwin.Start();

        var (status, body) = await google.JwtBearerAsync(await google.AssertionAsync(subject: null, GoogleTwin.DirectoryReadonly));
        var (listed, error) = await google.GetAsync("/google/admin/directory/v1/users?customer=my_customer", body.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Forbidden, listed);
        Assert.Equal("Not Authorized to access this resource/api", error.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_key_file_is_offered_only_for_a_key_the_twin_holds()
    {
        using var rsa = RSA.Create(2048);
        await using var google = GoogleTwin.Start(new()
        {
            ["Sandbox:Google:ServiceAccounts:0:PublicKeyPem"] = rsa.ExportSubjectPublicKeyInfoPem(),
        });

        var (status, body) = await HttpAssert.GetJsonAsync(google.Http, "/google/_sandbox/service-account.json");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }
}
