using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Data.Seed;
using Pace.Identity;
using Pace.Web.Identity.SignIn;

namespace Pace.Web.Tests.SignIn;

public sealed class SignInFlowTests
{
    [Theory]
    [InlineData(DemoAccounts.Agent, "My day", "Agent", "Priya Nair", "Marina")]
    [InlineData(DemoAccounts.Manager, "My day", "Manager", "Omar Haddad", "Marina")]
    [InlineData(DemoAccounts.Admin, "My day", "Admin", "Sara Al Mansoori", "No team")]
    public async Task Each_role_signs_in_through_google_and_lands_on_its_page(string email, string heading, string role, string name, string team)
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = await harness.SignedInBrowserAsync(email);

        using var landing = await browser.GetAsync(harness.At("/"));
        var html = await landing.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd data-testid=\"name\">{name}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd data-testid=\"role\">{role}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd data-testid=\"team\">{team}</dd>", html, StringComparison.Ordinal);

        var user = await harness.UserAsync(email);
        Assert.NotNull(user.GoogleSubject);
        Assert.NotNull(user.LastSignInAt);
        var signedIn = Assert.Single(await harness.AuditAsync(SignInAuditActions.SignedIn));
        Assert.Equal(user.Id, signedIn.ActorUserId);
        Assert.Equal("127.0.0.1", signedIn.IpAddress);
        await harness.ExecuteAsync(async db =>
        {
            var session = await db.UserSessions.SingleAsync(s => s.UserId == user.Id);
            Assert.Null(session.RevokedAt);
            Assert.Equal("PaceTests/1.0", session.UserAgent);
            Assert.True(session.ExpiresAt > DateTimeOffset.UtcNow.AddHours(11));
        });
    }

    [Fact]
    public async Task Session_cookie_is_http_only_and_same_site_lax()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = new Browser();
        var attempt = await harness.SignInAsync(browser, DemoAccounts.Agent);
        using var response = attempt.Response;

        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pace.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_address_of_the_workspace_is_refused_with_a_page_and_audited()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = new Browser();

        var attempt = await harness.SignInAsync(browser, "new.hire@allsop.example");
        var (status, html, reason) = await harness.RefusalPageAsync(browser, attempt.Response);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("unknown_user", reason);
        Assert.Contains("You do not have a PACE account yet", html, StringComparison.Ordinal);
        var refused = Assert.Single(await harness.AuditAsync(SignInAuditActions.Refused));
        using var data = JsonDocument.Parse(refused.Data!);
        Assert.Equal("unknown_user", data.RootElement.GetProperty("reason").GetString());
        Assert.Equal("new.hire@allsop.example", data.RootElement.GetProperty("email").GetString());
        Assert.Equal("127.0.0.1", refused.IpAddress);
    }

    [Fact]
    public async Task A_deactivated_user_is_refused()
    {
        await using var harness = await SignInHarness.StartAsync();
        await harness.ExecuteAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Agent2)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        using var browser = new Browser();

        var attempt = await harness.SignInAsync(browser, DemoAccounts.Agent2);
        var (status, _, reason) = await harness.RefusalPageAsync(browser, attempt.Response);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("deactivated", reason);
        Assert.Empty(await harness.AuditAsync(SignInAuditActions.SignedIn));
        Assert.Single(await harness.AuditAsync(SignInAuditActions.Refused));
    }

    [Fact]
    public async Task An_account_outside_the_workspace_is_refused_as_wrong_domain()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = new Browser();

        // The twin signs in any typed address; outside the Workspace its token carries no hd.
        var attempt = await harness.SignInAsync(browser, "agent@gmail.example");
        var (status, html, reason) = await harness.RefusalPageAsync(browser, attempt.Response);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("wrong_domain", reason);
        Assert.Contains("not a brokerage account", html, StringComparison.Ordinal);
        Assert.Single(await harness.AuditAsync(SignInAuditActions.Refused));
    }

    [Fact]
    public async Task A_google_account_other_than_the_bound_one_is_refused()
    {
        await using var harness = await SignInHarness.StartAsync();
        await harness.ExecuteAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Agent)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.GoogleSubject, "100000000000000000001")));
        using var browser = new Browser();

        var attempt = await harness.SignInAsync(browser, DemoAccounts.Agent);
        var (status, _, reason) = await harness.RefusalPageAsync(browser, attempt.Response);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("subject_mismatch", reason);
    }

    [Fact]
    public async Task A_replayed_callback_is_refused()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = new Browser();
        var attempt = await harness.SignInAsync(browser, DemoAccounts.Agent);
        Assert.Equal("/", attempt.Response.Headers.Location?.ToString());

        using var replay = await browser.GetAsync(attempt.Callback);
        var (status, _, reason) = await harness.RefusalPageAsync(browser, replay);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("state_mismatch", reason);
        Assert.Single(await harness.AuditAsync(SignInAuditActions.SignedIn));
        Assert.Single(await harness.AuditAsync(SignInAuditActions.Refused));
    }

    [Fact]
    public async Task A_callback_in_another_browser_is_refused()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var victim = new Browser();
        var attempt = await harness.SignInAsync(victim, DemoAccounts.Agent);
        attempt.Response.Dispose();

        // An attacker who learns the callback URL has no correlation cookie of that sign-in.
        using var attacker = new Browser();
        using var stolen = await attacker.GetAsync(attempt.Callback);
        var (status, _, reason) = await harness.RefusalPageAsync(attacker, stolen);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("state_mismatch", reason);
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_live_session_on_the_next_request()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = await harness.SignedInBrowserAsync(DemoAccounts.Agent);
        using (var before = await browser.GetAsync(harness.At("/")))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await harness.ExecuteAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Agent)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        using var after = await browser.GetAsync(harness.At("/"));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/sign-in", after.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_role_change_reaches_the_live_session_on_the_next_request()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = await harness.SignedInBrowserAsync(DemoAccounts.Agent);

        await harness.ExecuteAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Agent)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, UserRole.Manager)));

        using var landing = await browser.GetAsync(harness.At("/"));
        Assert.Contains("<dd data-testid=\"role\">Manager</dd>", await landing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_idle_past_its_timeout_ends()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = await harness.SignedInBrowserAsync(DemoAccounts.Manager);

        harness.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));

        using var after = await browser.GetAsync(harness.At("/"));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/sign-in", after.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_revokes_this_session_only()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var laptop = await harness.SignedInBrowserAsync(DemoAccounts.Agent);
        using var phone = await harness.SignedInBrowserAsync(DemoAccounts.Agent);
        var token = await SignInHarness.AntiforgeryTokenAsync(laptop, harness.At("/"));

        using var signOut = await laptop.PostAsync(harness.At("/account/sign-out"), [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var laptopAfter = await laptop.GetAsync(harness.At("/"));
        using var phoneAfter = await phone.GetAsync(harness.At("/"));
        Assert.Equal(HttpStatusCode.Redirect, laptopAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, phoneAfter.StatusCode);
        Assert.Single(await harness.AuditAsync(SignInAuditActions.SignedOut));
    }

    [Fact]
    public async Task Sign_out_everywhere_revokes_every_session_of_the_user()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var laptop = await harness.SignedInBrowserAsync(DemoAccounts.Agent);
        using var phone = await harness.SignedInBrowserAsync(DemoAccounts.Agent);
        using var colleague = await harness.SignedInBrowserAsync(DemoAccounts.Agent2);
        var token = await SignInHarness.AntiforgeryTokenAsync(laptop, harness.At("/"));

        // htmx sends the token as a header rather than a field.
        using var signOut = await laptop.PostAsync(harness.At("/account/sign-out-everywhere"), [],
            new Dictionary<string, string> { ["RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var phoneAfter = await phone.GetAsync(harness.At("/"));
        using var colleagueAfter = await colleague.GetAsync(harness.At("/"));
        Assert.Equal(HttpStatusCode.Redirect, phoneAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, colleagueAfter.StatusCode);
        var user = await harness.UserAsync(DemoAccounts.Agent);
        await harness.ExecuteAsync(async db =>
            Assert.Equal(0, await db.UserSessions.CountAsync(s => s.UserId == user.Id && s.RevokedAt == null)));
    }

    [Fact]
    public async Task A_sign_out_post_without_an_antiforgery_token_is_refused()
    {
        await using var harness = await SignInHarness.StartAsync();
        using var browser = await harness.SignedInBrowserAsync(DemoAccounts.Agent);

        using var forged = await browser.PostAsync(harness.At("/account/sign-out-everywhere"), []);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        using var still = await browser.GetAsync(harness.At("/"));
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.Empty(await harness.AuditAsync(SignInAuditActions.SignedOut));
    }

    [Fact]
    public async Task Refusals_for_one_address_lock_it_out_for_a_while()
    {
        await using var harness = await SignInHarness.StartAsync(new Dictionary<string, string?> { ["Identity:SignIn:LockoutThreshold"] = "2" });
        const string email = "late.starter@allsop.example";
        for (var i = 0; i < 2; i++)
        {
            using var refused = new Browser();
            var attempt = await harness.SignInAsync(refused, email);
            Assert.Equal("unknown_user", (await harness.RefusalPageAsync(refused, attempt.Response)).Reason);
        }

        // Even once the account exists, the address stays locked out until the window passes.
        await harness.ExecuteAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Users.Add(new User { Email = email, DisplayName = "Late Starter", Role = UserRole.Agent, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        });
        using var browser = new Browser();
        var locked = await harness.SignInAsync(browser, email);
        Assert.Equal("locked_out", (await harness.RefusalPageAsync(browser, locked.Response)).Reason);

        harness.Clock.Advance(TimeSpan.FromMinutes(16));
        using var later = new Browser();
        var attemptLater = await harness.SignInAsync(later, email);
        Assert.Equal("/", attemptLater.Response.Headers.Location?.ToString());
    }
}
