using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Pace.Data;
using Pace.Sandbox;
using Pace.Sandbox.Google;
using Pace.Testing;
using Pace.Web;

namespace Pace.Browser.Tests;

/// <summary>
/// What a person's browser talks to, all on loopback: a migrated Pace DB holding the four demo staff, the sandbox's
/// Google twin and pace-web on real Kestrel, and one headless Chromium (Debian's, never downloaded) shared by a test
/// class. Each test opens its own <see cref="BrowserSession"/>: a fresh browser context, so no cookie crosses tests.
/// </summary>
public class PaceBrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // This machine's network is closed: without the background-networking flags Chromium's own calls to Google are
    // refused many times over at every start.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private TestDatabase? _database;
    private PaceServiceFactory<SandboxService>? _sandbox;
    private PaceServiceFactory<WebService>? _web;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri WebBase => (_web ?? throw NotStarted()).BaseAddress;

    /// <summary>The Pace DB behind pace-web, for tests that set up what a person finds there.</summary>
    public TestDatabase Database => _database ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: install Chromium (./pace test does it on Debian as root: apt-get install -y chromium).");
        }

        _database = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await SeedAsync(_database);
        _sandbox = new PaceServiceFactory<SandboxService>(new Dictionary<string, string?>());
        _web = new PaceServiceFactory<WebService>(PaceWebSettings.ForGoogleTwin(_database.ConnectionString, _sandbox.BaseAddress));
        // The twin's client allows only the launcher's redirect URI; pace-web's port is known only now.
        _sandbox.Services.GetRequiredService<IOptions<GoogleSandboxOptions>>().Value.Clients[0].RedirectUris
            .Add(new Uri(_web.BaseAddress, "signin-google").ToString());

        Assertions.SetDefaultExpectTimeout(15_000);
        await StartedAsync(_web.Services);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>What the database holds before pace-web starts: the four fixed staff and the reference data.</summary>
    protected virtual async Task SeedAsync(TestDatabase database)
    {
        await FixedStaff.SeedAsync(database);
        await BrowserWorld.SeedReferenceDataAsync(database);
    }

    /// <summary>What needs pace-web's own services once it runs (its media store).</summary>
    protected virtual Task StartedAsync(IServiceProvider webServices) => Task.CompletedTask;

    /// <summary>Reads or changes the Pace DB directly: for what a test needs that a person does not make in the UI.</summary>
    public async Task<T> ExecuteAsync<T>(Func<PaceDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var db = (_database ?? throw NotStarted()).CreatePaceDbContext();
        return await work(db);
    }

    /// <summary>A new, empty browser context (its own cookies and storage) with one page.</summary>
    public async Task<BrowserSession> NewSessionAsync(int width = 1280, int height = 800)
    {
        var browser = _browser ?? throw NotStarted();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebBase.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "Asia/Dubai",
        });
        // Deadlines, not timings: the machine the tests share may be busy, and a wait ends as soon as its condition holds.
        context.SetDefaultTimeout(60_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Closes the browser, stops both services and drops the database; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_browser is { } browser)
        {
            _browser = null;
            await browser.CloseAsync();
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_web is { } web)
        {
            _web = null;
            await web.DisposeAsync();
        }

        if (_sandbox is { } sandbox)
        {
            _sandbox = null;
            await sandbox.DisposeAsync();
        }

        if (_database is { } database)
        {
            _database = null;
            await database.DisposeAsync();
        }
    }

    private static InvalidOperationException NotStarted() => new("The browser fixture has not started.");
}
