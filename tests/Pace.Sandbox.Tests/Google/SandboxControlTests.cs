using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Pace.Sandbox.Google;
using Pace.Testing;

namespace Pace.Sandbox.Tests.Google;

/// <summary>The twin's own surface: the directory a demo or a test changes, and what it issued.</summary>
public sealed class SandboxControlTests
{
    [Fact]
    public async Task The_default_directory_holds_the_demo_accounts()
    {
        await using var google = GoogleTwin.Start();

        var (status, body) = await HttpAssert.GetJsonAsync(google.Http, "/google/_sandbox/users");
        var users = body.GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("primaryEmail").GetString()!);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["admin@allsop.example", "agent2@allsop.example", "agent@allsop.example", "manager@allsop.example"], users.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Sara Al Mansoori", users["admin@allsop.example"].GetProperty("fullName").GetString());
        Assert.True(users["admin@allsop.example"].GetProperty("isAdmin").GetBoolean());
        Assert.Equal("/Sales/Dubai Marina", users["manager@allsop.example"].GetProperty("orgUnitPath").GetString());
        Assert.False(users["agent@allsop.example"].GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task The_control_surface_adds_suspends_restores_and_deletes_users()
    {
        await using var google = GoogleTwin.Start();
        var newcomer = new { primaryEmail = "Noor.Khalil@allsop.example", givenName = "Noor", familyName = "Khalil", title = "Property Consultant" };

        var added = await google.PostAsync("/google/_sandbox/users", newcomer);
        var duplicate = await google.PostAsync("/google/_sandbox/users", newcomer);
        var (_, fetched) = await HttpAssert.GetJsonAsync(google.Http, "/google/_sandbox/users/noor.khalil@allsop.example");
        var suspended = await google.PostAsync("/google/_sandbox/users/noor.khalil@allsop.example/suspend");
        var (_, whileSuspended) = await HttpAssert.GetJsonAsync(google.Http, "/google/_sandbox/users/noor.khalil@allsop.example");
        var restored = await google.PostAsync("/google/_sandbox/users/noor.khalil@allsop.example/restore");
        var (_, afterRestore) = await HttpAssert.GetJsonAsync(google.Http, "/google/_sandbox/users/noor.khalil@allsop.example");
        using var deleted = await google.Http.DeleteAsync(GoogleTwin.Relative("/google/_sandbox/users/noor.khalil@allsop.example"));
        var (gone, problem) = await HttpAssert.GetJsonAsync(google.Http, "/google/_sandbox/users/noor.khalil@allsop.example");
        var suspendMissing = await google.PostAsync("/google/_sandbox/users/noor.khalil@allsop.example/suspend");

        Assert.Equal(HttpStatusCode.Created, added);
        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        Assert.Equal("noor.khalil@allsop.example", fetched.GetProperty("primaryEmail").GetString());
        Assert.Equal(GoogleIds.SubjectFor("noor.khalil@allsop.example"), fetched.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, suspended);
        Assert.True(whileSuspended.GetProperty("suspended").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, restored);
        Assert.False(afterRestore.GetProperty("suspended").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, suspendMissing);
    }

    [Fact]
    public async Task Adding_a_user_outside_the_workspace_or_without_a_name_is_a_validation_problem()
    {
        await using var google = GoogleTwin.Start();

        using var outside = await google.Http.PostAsync(
            GoogleTwin.Relative("/google/_sandbox/users"),
            JsonContent.Create(new { primaryEmail = "someone@gmail.example", givenName = "Some", familyName = "One" }));
        using var nameless = await google.Http.PostAsync(
            GoogleTwin.Relative("/google/_sandbox/users"),
            JsonContent.Create(new { primaryEmail = "x@allsop.example" }));
        var outsideBody = await GoogleTwin.JsonAsync(outside);
        var namelessBody = await GoogleTwin.JsonAsync(nameless);

        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.True(outsideBody.GetProperty("errors").TryGetProperty("primaryEmail", out _));
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.True(namelessBody.GetProperty("errors").TryGetProperty("givenName", out _));
        Assert.True(namelessBody.GetProperty("errors").TryGetProperty("familyName", out _));
    }

    [Fact]
    public async Task A_user_added_through_the_control_surface_can_sign_in_with_hd()
    {
        await using var google = GoogleTwin.Start();
        await google.PostAsync("/google/_sandbox/users", new { primaryEmail = "fatima@allsop.example", givenName = "Fatima", familyName = "Zahra" });

        var tokens = await google.SignInAsync("fatima@allsop.example");
        var jwt = new JsonWebToken(tokens.GetProperty("id_token").GetString());

        Assert.Equal("Fatima Zahra", jwt.GetClaim("name").Value);
        Assert.Equal("allsop.example", jwt.GetClaim("hd").Value);
    }

    [Fact]
    public async Task The_issued_log_lists_codes_and_tokens_in_order_without_the_secrets()
    {
        await using var google = GoogleTwin.Start();
        var request = new Authorize { AccessType = "offline" };
        var code = await google.CodeForAsync(request, "agent@allsop.example");
        var (_, tokens) = await google.RedeemAsync(code, request.CodeVerifier);
        await google.DelegatedTokenAsync("admin@allsop.example");

        using var response = await google.Http.GetAsync(GoogleTwin.Relative("/google/_sandbox/issued"));
        var text = await response.Content.ReadAsStringAsync();
        var issued = (await GoogleTwin.JsonAsync(response)).GetProperty("issued").EnumerateArray().ToList();

        Assert.Equal(
            ["authorization_code", "refresh_token", "access_token", "id_token", "access_token"],
            issued.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(
            issued.Select(i => i.GetProperty("sequence").GetInt64()).Order(),
            issued.Select(i => i.GetProperty("sequence").GetInt64()));
        Assert.All(issued.Take(4), i => Assert.Equal("agent@allsop.example", i.GetProperty("email").GetString()));
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", issued[4].GetProperty("grantType").GetString());
        Assert.Equal("admin@allsop.example", issued[4].GetProperty("email").GetString());
        Assert.Equal(new JsonWebToken(tokens.GetProperty("id_token").GetString()).Kid, issued[3].GetProperty("keyId").GetString());
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.GetProperty("access_token").GetString()!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.GetProperty("refresh_token").GetString()!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.GetProperty("id_token").GetString()!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_Google_setting_ends_start_up_with_one_line()
    {
        var result = await ServiceProcess.RunToExitAsync("Pace.Sandbox.dll", new Dictionary<string, string?>
        {
            ["Sandbox__Google__KeyRotationInterval"] = "00:00:10",
            ["Urls"] = "http://127.0.0.1:0",
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "pace-sandbox: invalid configuration: Sandbox:Google:KeyRotationInterval must be at least one minute.",
            result.StandardError.Trim());
    }

    [Fact]
    public async Task A_client_redirect_uri_can_be_overridden_by_configuration()
    {
        await using var google = GoogleTwin.Start(new()
        {
            ["Sandbox:Google:Clients:0:RedirectUris:0"] = "http://127.0.0.1:9999/signin-google",
        });
        var request = new Authorize { RedirectUri = "http://127.0.0.1:9999/signin-google" };

        var redirect = await google.ChooseAccountAsync(request, "agent@allsop.example");
        using var old = await google.Http.GetAsync(GoogleTwin.Relative(new Authorize().Url()));

        Assert.StartsWith("http://127.0.0.1:9999/signin-google?", redirect.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
    }

    [Fact]
    public async Task A_registered_seed_replaces_the_demo_accounts()
    {
        await using var google = GoogleTwin.Start(services: s => s.AddSingleton<IWorkspaceDirectorySeed>(new StaffSeed()));

        var (_, body) = await HttpAssert.GetJsonAsync(google.Http, "/google/_sandbox/users");
        var emails = body.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("primaryEmail").GetString()).ToList();
        var page = await google.OpenSignInPageAsync(new Authorize());

        Assert.Equal(["hessa@allsop.example", "ravi@allsop.example"], emails);
        Assert.Contains("Hessa Al Suwaidi", page, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@allsop.example", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_accounts_follow_the_first_configured_domain()
    {
        await using var google = GoogleTwin.Start(new() { ["Sandbox:Google:WorkspaceDomains:0"] = "brokerage.example" });

        var (_, body) = await HttpAssert.GetJsonAsync(google.Http, "/google/_sandbox/users");

        Assert.Contains(body.GetProperty("users").EnumerateArray(), u => u.GetProperty("primaryEmail").GetString() == "admin@brokerage.example");
    }

    [Theory]
    [InlineData("/google/_sandbox/photos/123/AB.svg", HttpStatusCode.OK)]
    [InlineData("/google/_sandbox/photos/114450288577823774170/S.svg", HttpStatusCode.OK)]
    [InlineData("/google/_sandbox/photos/114450288577823774170/ab.svg", HttpStatusCode.NotFound)]
    [InlineData("/google/_sandbox/photos/not-digits/AB.svg", HttpStatusCode.NotFound)]
    [InlineData("/google/_sandbox/assets/missing.css", HttpStatusCode.NotFound)]
    public async Task Pictures_and_assets_answer_or_are_not_found(string path, HttpStatusCode expected)
    {
        await using var google = GoogleTwin.Start();

        using var response = await google.Http.GetAsync(GoogleTwin.Relative(path));

        Assert.Equal(expected, response.StatusCode);
    }

    private sealed class StaffSeed : IWorkspaceDirectorySeed
    {
        public IEnumerable<WorkspaceUser> Users() =>
        [
            new("hessa@allsop.example", "Hessa", "Al Suwaidi") { IsAdmin = true, OrgUnitPath = "/Management" },
            new("ravi@allsop.example", "Ravi", "Menon") { Title = "Property Consultant", OrgUnitPath = "/Sales/JVC" },
            new("outsider@elsewhere.example", "Out", "Sider"),
        ];
    }
}
