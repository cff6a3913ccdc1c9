using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pace.Browser.Tests;

/// <summary>
/// One person's browser for one test: a fresh context and its page. It records every console error and uncaught
/// script error, which is where Chromium reports a Content-Security-Policy violation.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsExpectedStatus(message, page.Url))
            {
                Record($"console error on {message.Location}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"script error on {page.Url}: {error}");
        page.RequestFailed += (_, request) => Record($"request failed on {page.Url}: {request.Method} {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                Record($"server error on {page.Url}: {response.Status} for {response.Request.Method} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>The console and script errors so far, each with the page it happened on.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Fails the test with every console and script error the pages produced, one per line.</summary>
    public void AssertNoErrors()
    {
        var errors = Errors;
        Assert.True(errors.Count == 0, "The pages reported errors:\n" + string.Join("\n", errors));
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    /// <summary>From the landing page through Google's account chooser, picking the listed account of <paramref name="email"/>.</summary>
    public async Task SignInAsync(string email)
    {
        await Steps.SignInAsync(Page, email);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "My day", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Chromium logs every HTTP error status as a console error. Two are expected: the favicon it asks for on its own
    /// (no page links one), and a page's own status, such as the refusal page's 403, which the tests read from what
    /// the page shows. A failed stylesheet, script or image still counts.
    /// </summary>
    private static bool IsExpectedStatus(IConsoleMessage message, string documentUrl)
    {
        if (!message.Text.StartsWith("Failed to load resource:", StringComparison.Ordinal))
        {
            return false;
        }

        var url = LineAndColumn().Replace(message.Location, "");
        return url == documentUrl || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/favicon.ico");
    }

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }

    [GeneratedRegex(@":\d+:\d+$")]
    private static partial Regex LineAndColumn();
}
