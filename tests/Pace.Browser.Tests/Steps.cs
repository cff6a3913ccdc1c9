using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pace.Browser.Tests;

/// <summary>What a person does in the browser before the part a test is about.</summary>
public static class Steps
{
    /// <summary>
    /// A browser session that waits longer for a page than the fixture's default: the first page of a class warms
    /// pace-web up, and this machine's two cores are shared. A deadline, not a timing assertion.
    /// </summary>
    public static async Task<BrowserSession> OpenAsync(PaceBrowserFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var session = await fixture.NewSessionAsync();
        session.Page.SetDefaultTimeout(60_000);
        SetDefaultExpectTimeout(20_000);
        return session;
    }

    /// <summary>From the landing page through Google's account chooser, picking the listed account of <paramref name="email"/>.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Google" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose an account" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = email }).ClickAsync();
    }

    /// <summary>Signs in with an address the chooser does not list, typed into "Use another account".</summary>
    public static async Task SignInTypingAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Google" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Use another account" }).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
    }
}
