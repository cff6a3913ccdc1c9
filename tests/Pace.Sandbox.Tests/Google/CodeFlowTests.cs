using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Pace.Sandbox.Google;

namespace Pace.Sandbox.Tests.Google;

/// <summary>Google sign-in, the authorization-code flow with PKCE, as pace-web performs it against the twin.</summary>
public sealed class CodeFlowTests
{
    [Fact]
    public async Task A_directory_user_signs_in_with_PKCE_and_gets_an_ID_token_that_validates_against_the_JWKS()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize { HostedDomain = "allsop.example" };

        var redirect = await google.ChooseAccountAsync(request, "admin@allsop.example");
        var query = GoogleTwin.Query(redirect);
        var (status, tokens) = await google.RedeemAsync(query["code"], request.CodeVerifier);
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var validation = await google.ValidateIdTokenAsync(idToken);

        Assert.Equal(GoogleTwin.RedirectUri, redirect.GetLeftPart(UriPartial.Path));
        Assert.Equal(request.State, query["state"]);
        Assert.Equal("allsop.example", query["hd"]);
        Assert.Equal("0", query["authuser"]);
        Assert.StartsWith("4/0", query["code"], StringComparison.Ordinal);
        Assert.Equal(
            ["email", "profile", "https://www.googleapis.com/auth/userinfo.email", "https://www.googleapis.com/auth/userinfo.profile", "openid"],
            query["scope"].Split(' '));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3599, tokens.GetProperty("expires_in").GetInt32());
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal(query["scope"], tokens.GetProperty("scope").GetString());
        Assert.StartsWith("ya29.", accessToken, StringComparison.Ordinal);
        Assert.False(tokens.TryGetProperty("refresh_token", out _));

        Assert.True(validation.IsValid, validation.Exception?.ToString());
        var jwt = (JsonWebToken)validation.SecurityToken;
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        Assert.Contains(jwt.Kid, (await google.DiscoverAsync()).JsonWebKeySet.Keys.Select(k => k.Kid));
        Assert.Equal(google.Issuer, jwt.Issuer);
        Assert.Equal([GoogleTwin.WebClientId], jwt.Audiences);
        Assert.Equal(GoogleTwin.WebClientId, jwt.GetClaim("azp").Value);
        Assert.Equal(GoogleIds.SubjectFor("admin@allsop.example"), jwt.Subject);
        Assert.Matches("^[0-9]{21}$", jwt.Subject);
        Assert.Equal("admin@allsop.example", jwt.GetClaim("email").Value);
        Assert.True(jwt.GetPayloadValue<bool>("email_verified"));
        Assert.Equal("allsop.example", jwt.GetClaim("hd").Value);
        Assert.Equal("Sara Al Mansoori", jwt.GetClaim("name").Value);
        Assert.Equal("Sara", jwt.GetClaim("given_name").Value);
        Assert.Equal("Al Mansoori", jwt.GetClaim("family_name").Value);
        Assert.Equal(request.Nonce, jwt.GetClaim("nonce").Value);
        Assert.Equal(AtHash(accessToken), jwt.GetClaim("at_hash").Value);
        Assert.Equal(TimeSpan.FromHours(1), jwt.ValidTo - jwt.IssuedAt);

        using var picture = await google.Http.GetAsync(new Uri(jwt.GetClaim("picture").Value));
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/svg+xml", picture.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_same_address_always_gets_the_same_subject()
    {
        await using var google = GoogleTwin.Start();

        var first = await google.SignInAsync("agent@allsop.example");
        var second = await google.SignInAsync("agent@allsop.example");
        var other = await google.SignInAsync("agent2@allsop.example");

        Assert.Equal(Subject(first), Subject(second));
        Assert.NotEqual(Subject(first), Subject(other));
    }

    [Fact]
    public async Task Client_secret_basic_authenticates_as_well_as_the_post_body()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize();
        var code = await google.CodeForAsync(request, "agent@allsop.example");

        var (status, tokens) = await google.RedeemAsync(code, request.CodeVerifier, basic: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(tokens.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task The_plain_code_challenge_method_is_verified_too()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize { CodeChallengeMethod = "plain" };
        var code = await google.CodeForAsync(request, "agent@allsop.example");

        var (status, _) = await google.RedeemAsync(code, request.CodeVerifier);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_an_invalid_grant()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize();
        var code = await google.CodeForAsync(request, "agent@allsop.example");

        var (status, body) = await google.RedeemAsync(code, Pkce.NewVerifier());

        AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Invalid code verifier.", status, body);
    }

    [Fact]
    public async Task A_missing_code_verifier_is_an_invalid_grant()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize();
        var code = await google.CodeForAsync(request, "agent@allsop.example");

        var (status, body) = await google.RedeemAsync(code, verifier: null);

        AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Missing code verifier.", status, body);
    }

    [Fact]
    public async Task A_verifier_for_a_code_issued_without_a_challenge_is_refused()
    {
        await using var google = GoogleTwin.Start();
        var code = await google.CodeForAsync(new Authorize { CodeVerifier = null }, "agent@allsop.example");

        var (status, body) = await google.RedeemAsync(code, Pkce.NewVerifier());

        AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "code_verifier or verifier is not needed.", status, body);
    }

    [Fact]
    public async Task A_code_can_be_redeemed_only_once()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize();
        var code = await google.CodeForAsync(request, "agent@allsop.example");

        var (first, _) = await google.RedeemAsync(code, request.CodeVerifier);
        var (replay, body) = await google.RedeemAsync(code, request.CodeVerifier);

        Assert.Equal(HttpStatusCode.OK, first);
        AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Bad Request", replay, body);
    }

    [Fact]
    public async Task A_code_expires_after_its_short_lifetime()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize();
        var code = await google.CodeForAsync(request, "agent@allsop.example");

        google.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var (status, body) = await google.RedeemAsync(code, request.CodeVerifier);

        AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Bad Request", status, body);
    }

    [Fact]
    public async Task An_unknown_code_is_malformed()
    {
        await using var google = GoogleTwin.Start();

        var (status, body) = await google.RedeemAsync("4/0not-a-code", Pkce.NewVerifier());

        AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Malformed auth code.", status, body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrong_client_secret_is_an_invalid_client(bool basic)
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize();
        var code = await google.CodeForAsync(request, "agent@allsop.example");

        var (status, body) = await google.RedeemAsync(code, request.CodeVerifier, clientSecret: "not-the-secret", basic: basic);
        var (retry, _) = await google.RedeemAsync(code, request.CodeVerifier);

        AssertOAuthError(HttpStatusCode.Unauthorized, "invalid_client", "Unauthorized", status, body);
        // A failed client authentication does not burn the code.
        Assert.Equal(HttpStatusCode.OK, retry);
    }

    [Fact]
    public async Task An_unknown_client_is_an_invalid_client()
    {
        await using var google = GoogleTwin.Start();

        var (status, body) = await google.PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = "4/0x",
            ["redirect_uri"] = GoogleTwin.RedirectUri,
            ["client_id"] = "someone-else.apps.example",
            ["client_secret"] = "x",
        });

        AssertOAuthError(HttpStatusCode.Unauthorized, "invalid_client", "The OAuth client was not found.", status, body);
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_gets_Googles_error_page_and_no_redirect()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize { RedirectUri = "http://127.0.0.1:8080/elsewhere" };

        using var response = await google.Http.GetAsync(GoogleTwin.Relative(request.Url()));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri_mismatch", page, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8080/elsewhere", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_client_gets_Googles_error_page()
    {
        await using var google = GoogleTwin.Start();

        using var response = await google.Http.GetAsync(GoogleTwin.Relative(new Authorize { ClientId = "stranger.apps.example" }.Url()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redeeming_with_another_redirect_uri_is_a_redirect_uri_mismatch()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize();
        var code = await google.CodeForAsync(request, "agent@allsop.example");

        var (status, body) = await google.RedeemAsync(code, request.CodeVerifier, redirectUri: "http://127.0.0.1:8080/other");

        AssertOAuthError(HttpStatusCode.BadRequest, "redirect_uri_mismatch", "Bad Request", status, body);
    }

    [Theory]
    [InlineData("email profile", "invalid_scope")]
    [InlineData("openid email https://example.com/not-a-google-scope", "invalid_scope")]
    public async Task A_bad_scope_is_sent_back_to_the_client_with_the_error(string scope, string error)
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize { Scope = scope };

        using var response = await google.Http.GetAsync(GoogleTwin.Relative(request.Url()));
        var query = GoogleTwin.Query(response.Headers.Location!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(GoogleTwin.RedirectUri, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(error, query["error"]);
        Assert.Equal(request.State, query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Only_the_code_response_type_is_offered()
    {
        await using var google = GoogleTwin.Start();

        using var response = await google.Http.GetAsync(GoogleTwin.Relative(new Authorize { ResponseType = "token" }.Url()));

        Assert.Equal("unsupported_response_type", GoogleTwin.Query(response.Headers.Location!)["error"]);
    }

    [Fact]
    public async Task Silent_sign_in_needs_a_login_because_the_twin_keeps_no_browser_session()
    {
        await using var google = GoogleTwin.Start();

        using var response = await google.Http.GetAsync(GoogleTwin.Relative(new Authorize { Prompt = "none" }.Url()));

        Assert.Equal("login_required", GoogleTwin.Query(response.Headers.Location!)["error"]);
    }

    [Fact]
    public async Task Cancelling_the_sign_in_sends_access_denied()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize();

        var redirect = await google.CancelAsync(request);
        var query = GoogleTwin.Query(redirect);

        Assert.Equal("access_denied", query["error"]);
        Assert.Equal(request.State, query["state"]);
    }

    [Fact]
    public async Task A_typed_address_outside_the_workspace_signs_in_without_hd()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize { HostedDomain = "allsop.example" };

        var redirect = await google.TypeEmailAsync(request, "Layla.Haddad@Gmail.example");
        var query = GoogleTwin.Query(redirect);
        var (status, tokens) = await google.RedeemAsync(query["code"], request.CodeVerifier);
        var validation = await google.ValidateIdTokenAsync(tokens.GetProperty("id_token").GetString()!);
        var jwt = (JsonWebToken)validation.SecurityToken;

        Assert.False(query.ContainsKey("hd"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.False(jwt.TryGetClaim("hd", out _));
        Assert.Equal("layla.haddad@gmail.example", jwt.GetClaim("email").Value);
        Assert.True(jwt.GetPayloadValue<bool>("email_verified"));
        Assert.Equal("Layla Haddad", jwt.GetClaim("name").Value);
        Assert.Equal("Layla", jwt.GetClaim("given_name").Value);
        Assert.Equal("Haddad", jwt.GetClaim("family_name").Value);
        Assert.Equal(GoogleIds.SubjectFor("layla.haddad@gmail.example"), jwt.Subject);
    }

    [Fact]
    public async Task A_typed_workspace_address_that_is_not_in_the_directory_still_carries_hd()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize();

        var redirect = await google.TypeEmailAsync(request, "new.joiner@allsop.example");
        var (_, tokens) = await google.RedeemAsync(GoogleTwin.Query(redirect)["code"], request.CodeVerifier);
        var jwt = new JsonWebToken(tokens.GetProperty("id_token").GetString());

        Assert.Equal("allsop.example", jwt.GetClaim("hd").Value);
        Assert.Equal("New Joiner", jwt.GetClaim("name").Value);
    }

    [Fact]
    public async Task A_suspended_account_cannot_sign_in()
    {
        await using var google = GoogleTwin.Start();
        Assert.Equal(HttpStatusCode.OK, await google.PostAsync("/google/_sandbox/users/agent2@allsop.example/suspend"));
        var request = new Authorize();

        var page = await google.OpenSignInPageAsync(request);
        using var response = await google.SubmitFormAsync(GoogleTwin.Form(page, "other"), new() { ["email"] = "agent2@allsop.example" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("suspended", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Matches("<button type=\"submit\" name=\"email\" value=\"agent2@allsop.example\" class=\"account\" disabled>", page);
    }

    [Fact]
    public async Task An_invalid_typed_address_shows_the_page_again_with_an_error()
    {
        await using var google = GoogleTwin.Start();

        var page = await google.OpenSignInPageAsync(new Authorize());
        using var response = await google.SubmitFormAsync(GoogleTwin.Form(page, "other"), new() { ["email"] = "not an address" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Enter a valid email address.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_lists_the_directory_users_under_a_strict_content_security_policy()
    {
        await using var google = GoogleTwin.Start();

        using var response = await google.Http.GetAsync(GoogleTwin.Relative(new Authorize { LoginHint = "manager@allsop.example" }.Url()));
        var page = await response.Content.ReadAsStringAsync();
        var accounts = GoogleTwin.Form(page, "accounts");
        using var css = await google.Http.GetAsync(GoogleTwin.Relative("/google/_sandbox/assets/signin.css"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' http://127.0.0.1:8080", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);

        foreach (var (email, name, detail) in new[]
        {
            ("admin@allsop.example", "Sara Al Mansoori", "/Management"),
            ("manager@allsop.example", "Omar Haddad", "Team Manager, Dubai Marina"),
            ("agent@allsop.example", "Priya Nair", "Property Consultant"),
            ("agent2@allsop.example", "James Carter", "/Sales/Downtown"),
        })
        {
            Assert.Contains($"value=\"{email}\"", accounts, StringComparison.Ordinal);
            Assert.Contains(name, accounts, StringComparison.Ordinal);
            Assert.Contains(detail, accounts, StringComparison.Ordinal);
        }

        Assert.Contains("value=\"manager@allsop.example\" class=\"account hinted\"", accounts, StringComparison.Ordinal);
        Assert.Contains("value=\"manager@allsop.example\" placeholder", GoogleTwin.Form(page, "other"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_searches_a_large_directory()
    {
        await using var google = GoogleTwin.Start();
        for (var i = 0; i < 60; i++)
        {
            await google.PostAsync("/google/_sandbox/users", new { primaryEmail = $"staff{i:D2}@allsop.example", givenName = "Staff", familyName = $"Member {i:D2}" });
        }

        var all = await google.OpenSignInPageAsync(new Authorize());
        using var search = await google.Http.GetAsync(GoogleTwin.Relative(new Authorize().Url() + "&sandbox_filter=Member%2042"));
        var found = await search.Content.ReadAsStringAsync();

        Assert.Equal(50, CountAccounts(all));
        Assert.Contains("Showing 50 of 64 accounts", all, StringComparison.Ordinal);
        Assert.Equal(1, CountAccounts(found));
        Assert.Contains("staff42@allsop.example", found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offline_sign_in_gets_a_refresh_token_that_works_until_the_account_is_suspended()
    {
        await using var google = GoogleTwin.Start();
        var tokens = await google.SignInAsync("agent@allsop.example", new Authorize { AccessType = "offline" });
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;
        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = GoogleTwin.WebClientId,
            ["client_secret"] = GoogleTwin.WebClientSecret,
        };

        var (status, refreshed) = await google.PostTokenAsync(refresh);
        await google.PostAsync("/google/_sandbox/users/agent@allsop.example/suspend");
        var (afterSuspension, refused) = await google.PostTokenAsync(refresh);

        Assert.StartsWith("1//0", refreshToken, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(tokens.GetProperty("access_token").GetString(), refreshed.GetProperty("access_token").GetString());
        Assert.True((await google.ValidateIdTokenAsync(refreshed.GetProperty("id_token").GetString()!)).IsValid);
        AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.", afterSuspension, refused);
    }

    [Fact]
    public async Task A_revoked_refresh_token_no_longer_works()
    {
        await using var google = GoogleTwin.Start();
        var tokens = await google.SignInAsync("agent@allsop.example", new Authorize { AccessType = "offline" });
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        using var revoke = await google.Http.PostAsync(
            GoogleTwin.Relative("/google/revoke"), new FormUrlEncodedContent([new("token", refreshToken)]));
        using var again = await google.Http.PostAsync(
            GoogleTwin.Relative("/google/revoke"), new FormUrlEncodedContent([new("token", refreshToken)]));
        var (status, body) = await google.PostTokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, Basic(GoogleTwin.WebClientId, GoogleTwin.WebClientSecret));

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        AssertOAuthError(HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked.", status, body);
    }

    [Fact]
    public async Task An_unsupported_grant_type_is_refused_the_Google_way()
    {
        await using var google = GoogleTwin.Start();

        var (status, body) = await google.PostTokenAsync(new() { ["grant_type"] = "password" });

        AssertOAuthError(HttpStatusCode.BadRequest, "unsupported_grant_type", "Invalid grant_type: password", status, body);
    }

    [Fact]
    public async Task The_form_post_response_mode_posts_the_code_to_the_client_without_inline_script()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize { ResponseMode = "form_post" };

        var page = await google.OpenSignInPageAsync(request);
        using var response = await google.SubmitFormAsync(GoogleTwin.Form(page, "accounts"), new() { ["email"] = "agent@allsop.example" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"action=\"{GoogleTwin.RedirectUri}\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"code\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/google/_sandbox/assets/form_post.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    internal static void AssertOAuthError(HttpStatusCode expectedStatus, string error, string description, HttpStatusCode status, System.Text.Json.JsonElement body)
    {
        Assert.Equal(expectedStatus, status);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal(description, body.GetProperty("error_description").GetString());
    }

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    private static string Subject(System.Text.Json.JsonElement tokens) => new JsonWebToken(tokens.GetProperty("id_token").GetString()).Subject;

    private static int CountAccounts(string page) =>
        System.Text.RegularExpressions.Regex.Count(GoogleTwin.Form(page, "accounts"), "<button type=\"submit\" name=\"email\"");

    private static string AtHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64Url.EncodeToString(hash.AsSpan(0, 16));
    }
}
