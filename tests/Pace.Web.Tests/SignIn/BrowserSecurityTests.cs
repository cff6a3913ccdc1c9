using System.Net;
using Pace.Data.Seed;

namespace Pace.Web.Tests.SignIn;

public sealed class BrowserSecurityTests
{
    [Fact]
    public async Task An_anonymous_page_request_redirects_to_sign_in()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = new Browser();

        using var response = await browser.GetAsync(harness.At("/"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?returnUrl=%2F", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_page_offers_google_and_keeps_the_return_url_local()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = new Browser();

        using var page = await browser.GetAsync(harness.At("/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sign in with Google", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/challenge?returnUrl=%2F\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_api_request_gets_401_problem_details_not_a_redirect()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = new Browser();

        using var response = await browser.GetAsync(harness.At("/api/v1/me"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":401", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_browser_reads_its_own_identity_from_the_api()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = await harness.SignedInBrowserAsync(DemoAccounts.Manager);

        using var response = await browser.GetAsync(harness.At("/api/v1/me"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"role\":\"manager\"", body, StringComparison.Ordinal);
        Assert.Contains("\"email\":\"manager@allsop.example\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/")]
    [InlineData("/api/v1/me")]
    [InlineData("/no-such-page")]
    [InlineData("/healthz")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = new Browser();

        using var response = await browser.GetAsync(harness.At(path));

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' " + harness.Sandbox.BaseAddress.GetLeftPart(UriPartial.Authority), csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_sign_in_challenge_is_rate_limited_per_address_with_problem_details()
    {
        await using var harness = await SignInHarness.StartAsync(new Dictionary<string, string?> { ["Identity:SignIn:RateLimitPermits"] = "2" });
        using var browser = new Browser();

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await browser.GetAsync(harness.At("/account/challenge"));
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        using var limited = await browser.GetAsync(harness.At("/account/challenge"));
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        using var callback = await browser.GetAsync(harness.At("/signin-google?code=x&state=y"));
        Assert.Equal((HttpStatusCode)429, callback.StatusCode);
    }

    [Fact]
    public async Task The_challenge_sends_pkce_state_nonce_and_the_workspace_hint()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = new Browser();

        using var challenge = await browser.GetAsync(harness.At("/account/challenge"));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);

        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(string.IsNullOrEmpty(query["code_challenge"].ToString()));
        Assert.False(string.IsNullOrEmpty(query["state"].ToString()));
        Assert.True(query["nonce"].ToString().Length >= 32);
        Assert.Equal("allsop.example", query["hd"].ToString());
        Assert.Equal("openid email profile", query["scope"].ToString());
    }
}
