using Microsoft.Playwright;
using Pace.Data.Seed;
using Pace.Testing;
using static Microsoft.Playwright.Assertions;

namespace Pace.Browser.Tests.SignIn;

/// <summary>Signing in to PACE the way a person does: in Chromium, through the sandbox's Google account chooser.</summary>
public sealed class SignInTests(PaceBrowserFixture fixture) : IClassFixture<PaceBrowserFixture>
{
    private const string SignInHeading = "Sign in to PACE";

    [Fact]
    public async Task An_anonymous_visit_to_the_landing_page_is_sent_to_sign_in()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/");

        await Expect(page).ToHaveURLAsync(Url("account/sign-in?returnUrl=%2F"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = SignInHeading })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Google" })).ToBeVisibleAsync();
        session.AssertNoErrors();
    }

    [Theory]
    [InlineData(DemoAccounts.Agent, "My day", FixedStaff.AgentName, "Agent")]
    [InlineData(DemoAccounts.Manager, "My day", FixedStaff.ManagerName, "Manager")]
    [InlineData(DemoAccounts.Admin, "My day", FixedStaff.AdminName, "Admin")]
    public async Task Choosing_a_brokerage_account_lands_on_the_page_of_its_role(string email, string heading, string name, string role)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await session.SignInAsync(email);

        await Expect(page).ToHaveURLAsync(Url(""));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("role")).ToHaveTextAsync(role);
        await Expect(page.GetByText("Signed in as " + name)).ToBeVisibleAsync();
        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_typed_address_outside_the_brokerage_is_refused()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await Steps.SignInTypingAsync(page, "stranger@gmail.example");

        await Expect(page).ToHaveURLAsync(Url("account/refused?reason=wrong_domain"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This Google account is not a brokerage account" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to sign-in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToHaveCountAsync(0);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task Signing_out_returns_to_sign_in_and_the_landing_page_asks_again()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(DemoAccounts.Agent);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My day" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("account/sign-in?signedOut=1"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out.");
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(Url("account/sign-in?returnUrl=%2F"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = SignInHeading })).ToBeVisibleAsync();
        session.AssertNoErrors();
    }

    [Fact]
    public async Task The_content_security_policy_blocks_an_inline_script_and_the_session_reports_it()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/account/sign-in");
        var violation = page.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text.Contains("Content Security Policy", StringComparison.Ordinal) });

        // What an injected <script> would do; the page's CSP allows scripts from its own origin only.
        await page.EvaluateAsync("""
            () => {
                const script = document.createElement('script');
                script.textContent = 'document.body.dataset.injected = "yes"';
                document.body.append(script);
            }
            """);

        Assert.Contains("script-src", (await violation).Text, StringComparison.Ordinal);
        Assert.Null(await page.Locator("body").GetAttributeAsync("data-injected"));
        Assert.Contains(session.Errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    private string Url(string path) => new Uri(fixture.WebBase, path).ToString();
}
