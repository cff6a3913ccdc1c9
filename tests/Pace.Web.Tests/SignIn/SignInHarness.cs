using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pace.Data;
using Pace.Identity;
using Pace.Sandbox;
using Pace.Sandbox.Google;
using Pace.Testing;

namespace Pace.Web.Tests.SignIn;

/// <summary>One browser: its own cookie jar, never following redirects, so each hop of the flow is visible.</summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClient _client;

    public Browser()
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true });
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("PaceTests/1.0");
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(Uri uri) => _client.GetAsync(uri);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    public Task<HttpResponseMessage> PostAsync(Uri uri, IEnumerable<KeyValuePair<string, string>> fields, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(fields) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return _client.SendAsync(request);
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>What one pass through the sign-in flow produced: the callback URL Google sent back, and pace-web's answer to it.</summary>
public sealed record SignInAttempt(Uri Callback, HttpResponseMessage Response);

/// <summary>
/// A fresh Pace DB, the sandbox's Google twin and pace-web pointed at it, all on loopback over real HTTP; the demo
/// staff seeded. The twin's registered redirect URI is extended with pace-web's random port once both listen.
/// </summary>
public sealed partial class SignInHarness : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _webSettings;

    private SignInHarness(
        TestDatabase database, PaceServiceFactory<SandboxService> sandbox, PaceServiceFactory<WebService> web, TestClock clock, IReadOnlyDictionary<string, string?> webSettings)
    {
        _webSettings = webSettings;
        Database = database;
        Sandbox = sandbox;
        Web = web;
        Clock = clock;
    }

    public TestDatabase Database { get; }

    public PaceServiceFactory<SandboxService> Sandbox { get; }

    public PaceServiceFactory<WebService> Web { get; }

    public TestClock Clock { get; }

    public Uri WebBase => Web.BaseAddress;

    public static async Task<SignInHarness> StartAsync(IReadOnlyDictionary<string, string?>? webSettings = null)
    {
        var database = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await FixedStaff.SeedAsync(database);
        var sandbox = new PaceServiceFactory<SandboxService>(new Dictionary<string, string?>());
        var settings = PaceWebSettings.ForGoogleTwin(database.ConnectionString, sandbox.BaseAddress, webSettings);
        var clock = new TestClock();
        var web = new PaceServiceFactory<WebService>(settings, clock);
        var callback = new Uri(web.BaseAddress, "signin-google").ToString();
        sandbox.Services.GetRequiredService<IOptions<GoogleSandboxOptions>>().Value.Clients[0].RedirectUris.Add(callback);
        return new SignInHarness(database, sandbox, web, clock, settings);
    }

    public Uri At(string path) => new(WebBase, path);

    /// <summary>
    /// The code flow as a browser runs it: pace-web's challenge, the twin's account chooser, choosing (or typing)
    /// <paramref name="email"/>, and the redirect back to pace-web's callback.
    /// </summary>
    public async Task<SignInAttempt> SignInAsync(Browser browser, string email)
    {
        using var challenge = await browser.GetAsync(At("/account/challenge?returnUrl=%2F"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(Sandbox.BaseAddress.ToString(), authorize.ToString(), StringComparison.Ordinal);

        using var chooser = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, chooser.StatusCode);

        // The chooser's form echoes the authorization request's parameters as hidden fields, plus the account.
        var fields = QueryHelpers.ParseQuery(authorize.Query)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()))
            .Append(new("email", email))
            .ToList();
        using var chosen = await browser.PostAsync(new Uri(authorize.GetLeftPart(UriPartial.Path)), fields);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var callback = chosen.Headers.Location!;
        Assert.StartsWith(At("/signin-google").ToString(), callback.ToString(), StringComparison.Ordinal);

        return new SignInAttempt(callback, await browser.GetAsync(callback));
    }

    /// <summary>Signs in and asserts it worked (landed back on <c>/</c>).</summary>
    public async Task<Browser> SignedInBrowserAsync(string email)
    {
        var browser = new Browser();
        var attempt = await SignInAsync(browser, email);
        using var response = attempt.Response;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
        return browser;
    }

    /// <summary>Follows a refusal's redirect to its page and returns status and HTML.</summary>
    public async Task<(HttpStatusCode Status, string Html, string? Reason)> RefusalPageAsync(Browser browser, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/account/refused", location.OriginalString, StringComparison.Ordinal);
        using var page = await browser.GetAsync(At(location.OriginalString));
        var html = await page.Content.ReadAsStringAsync();
        var reason = ReasonAttribute().Match(html) is { Success: true } m ? m.Groups[1].Value : null;
        return (page.StatusCode, html, reason);
    }

    /// <summary>The antiforgery token a page rendered into its forms.</summary>
    public static async Task<string> AntiforgeryTokenAsync(Browser browser, Uri page)
    {
        using var response = await browser.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        var match = TokenField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery field: " + html);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<List<global::Pace.Audit.AuditEntry>> AuditAsync(string action)
    {
        await using var db = Database.CreatePaceDbContext();
        return await db.AuditLog.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<User> UserAsync(string email)
    {
        await using var db = Database.CreatePaceDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    public async Task ExecuteAsync(Func<PaceDbContext, Task> change)
    {
        await using var db = Database.CreatePaceDbContext();
        await change(db);
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Database.DisposeAsync();
        PaceWebSettings.DeleteMedia(_webSettings);
    }

    [GeneratedRegex("data-reason=\"([a-z_]+)\"")]
    private static partial Regex ReasonAttribute();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
