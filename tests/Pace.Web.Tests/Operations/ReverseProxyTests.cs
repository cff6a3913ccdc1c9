using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Pace.Web.Tests.Tokens;

namespace Pace.Web.Tests.Operations;

/// <summary>
/// pace-web behind a load balancer that ends TLS: the forwarded scheme and address are believed from the networks
/// configured, and from nowhere else.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task Behind_a_known_balancer_the_forwarded_scheme_and_client_address_are_used()
    {
        await using var host = await TokenTestHost.StartAsync(new Dictionary<string, string?> { ["ReverseProxy:KnownNetworks:0"] = "127.0.0.0/8" });

        var (redirectUri, secureCookie) = await ChallengeAsync(host);
        var audited = await RefusedTokenAddressAsync(host);

        Assert.StartsWith("https://", redirectUri, StringComparison.Ordinal);
        Assert.True(secureCookie);
        Assert.Equal(Client, audited);
    }

    [Fact]
    public async Task With_no_known_balancer_the_forwarded_headers_are_ignored()
    {
        await using var host = await TokenTestHost.StartAsync();

        var (redirectUri, secureCookie) = await ChallengeAsync(host);
        var audited = await RefusedTokenAddressAsync(host);

        Assert.StartsWith("http://127.0.0.1:", redirectUri, StringComparison.Ordinal);
        Assert.False(secureCookie);
        Assert.Equal("127.0.0.1", audited);
    }

    [Fact]
    public async Task A_known_network_that_is_not_cidr_stops_pace_web_with_a_message_naming_it()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await TokenTestHost.StartAsync(new Dictionary<string, string?> { ["ReverseProxy:KnownNetworks:0"] = "the balancer" });
            using var _ = await host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        });

        Assert.Contains("ReverseProxy:KnownNetworks has 'the balancer'", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Google's sign-in as a browser starts it: where Google is to send the person back, and whether the correlation cookie is secure.</summary>
    private static async Task<(string RedirectUri, bool SecureCookie)> ChallengeAsync(TokenTestHost host)
    {
        using var client = host.CreateNonRedirectingClient();
        using var request = Forwarded(new HttpRequestMessage(HttpMethod.Get, new Uri("/account/challenge", UriKind.Relative)));
        using var response = await client.SendAsync(request);
        var location = response.Headers.Location ?? throw new InvalidOperationException($"the challenge answered {response.StatusCode} without a redirect");
        var redirectUri = Uri.UnescapeDataString(System.Web.HttpUtility.ParseQueryString(location.Query)["redirect_uri"] ?? "");
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.NotEmpty(cookies);
        return (redirectUri, cookies.All(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The address the audit log records for a refused personal token presented through the balancer.</summary>
    private static async Task<string?> RefusedTokenAddressAsync(TokenTestHost host)
    {
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (row, token) = await host.SeedPersonalTokenAsync(agent);
        using var request = Forwarded(new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/me", UriKind.Relative)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "xxxx");
        using var _ = await host.Http.SendAsync(request);
        await using var db = host.Database.CreatePaceDbContext();
        return await db.AuditLog.Where(a => a.Action == "personal_token.refused" && a.EntityId == row.Id).Select(a => a.IpAddress).SingleAsync();
    }

    private static HttpRequestMessage Forwarded(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", Client);
        return request;
    }
}
