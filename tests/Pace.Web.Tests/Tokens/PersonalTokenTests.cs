using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pace.Identity;

namespace Pace.Web.Tests.Tokens;

public sealed class PersonalTokenTests
{
    private static readonly string[] AiScope = ["ai"];
    private static readonly string[] McpScope = ["mcp"];
    private static readonly string[] UnknownScope = ["root"];

    [Fact]
    public async Task A_person_creates_lists_and_revokes_a_token_which_authenticates_as_them_until_revoked()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, first) = await host.SeedPersonalTokenAsync(agent);

        using var created = await host.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", first, new { name = "laptop script", expiresInDays = 30, scopes = AiScope });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetGuid();
        Assert.StartsWith(TokenSecrets.PersonalTokenPrefix, token, StringComparison.Ordinal);
        Assert.Equal(host.Clock.Now.AddDays(30), body.GetProperty("expiresAt").GetDateTimeOffset());

        using var listed = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", token);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var list = await listed.Content.ReadAsStringAsync();
        Assert.Contains("laptop script", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token[TokenSecrets.PersonalTokenPrefix.Length..], list, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256:", list, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", list, StringComparison.OrdinalIgnoreCase);

        using var revoked = await host.SendAsync(HttpMethod.Delete, $"/api/v1/me/tokens/{id}", first);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var afterRevoke = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", token);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Single(await host.AuditDataAsync("personal_token.revoked"));
        var audit = string.Join('\n', (await host.AuditDataAsync("personal_token.created")).Concat(await host.AuditDataAsync("personal_token.updated")));
        Assert.Contains("laptop script", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256:", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(token[TokenSecrets.PersonalTokenPrefix.Length..], audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_personal_token_is_refused()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, token) = await host.SeedPersonalTokenAsync(agent, days: 1);

        host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", Assert.Single(await host.AuditDataAsync("personal_token.refused")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_users_personal_token_is_refused()
    {
        await using var host = await TokenTestHost.StartAsync();
        var leaver = await host.SeedUserAsync("leaver@allsop.example", active: false);
        var (_, token) = await host.SeedPersonalTokenAsync(leaver);

        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_with_a_real_prefix_but_a_wrong_secret_is_refused()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, token) = await host.SeedPersonalTokenAsync(agent);
        var wrong = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Revoking_another_users_token_answers_404_and_leaves_it_working()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var agent2 = await host.SeedUserAsync("agent2@allsop.example");
        var (_, mine) = await host.SeedPersonalTokenAsync(agent);
        var (theirs, theirToken) = await host.SeedPersonalTokenAsync(agent2);

        using var response = await host.SendAsync(HttpMethod.Delete, $"/api/v1/me/tokens/{theirs.Id}", mine);
        using var stillWorks = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", theirToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task Invalid_token_requests_answer_a_validation_problem_naming_the_field()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, token) = await host.SeedPersonalTokenAsync(agent);

        using var response = await host.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", token, new { name = "", expiresInDays = 1000, scopes = UnknownScope });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("expiresInDays", out _));
        Assert.True(errors.TryGetProperty("scopes", out _));
    }

    [Fact]
    public async Task Anonymous_calls_to_the_token_api_are_refused()
    {
        await using var host = await TokenTestHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_manages_machine_clients_and_secrets_appear_only_once()
    {
        await using var host = await TokenTestHost.StartAsync();
        var admin = await host.SeedUserAsync("admin@allsop.example", UserRole.Admin);
        var (_, adminToken) = await host.SeedPersonalTokenAsync(admin);

        using var created = await host.SendAsync(HttpMethod.Post, "/api/v1/admin/machine-clients", adminToken, new { clientId = "pace-mcp", name = "MCP servers", scopes = McpScope });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        var secret = body.GetProperty("clientSecret").GetString()!;
        await host.AccessTokenAsync("pace-mcp", secret, ("grant_type", "client_credentials"));

        using var rotated = await host.SendAsync(HttpMethod.Post, $"/api/v1/admin/machine-clients/{id}/rotate-secret", adminToken);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        using var oldRefused = await host.RequestTokenAsync("pace-mcp", secret, ("grant_type", "client_credentials"));
        Assert.Equal(HttpStatusCode.Unauthorized, oldRefused.StatusCode);
        await host.AccessTokenAsync("pace-mcp", newSecret, ("grant_type", "client_credentials"));

        using var listed = await host.SendAsync(HttpMethod.Get, "/api/v1/admin/machine-clients", adminToken);
        var list = await listed.Content.ReadAsStringAsync();
        Assert.Contains("pace-mcp", list, StringComparison.Ordinal);
        foreach (var leaked in new[] { secret, newSecret, "sha256:", "secretHash" })
        {
            Assert.DoesNotContain(leaked, list, StringComparison.Ordinal);
        }

        await using (var db = host.Database.CreatePaceDbContext())
        {
            var audit = string.Join('\n', db.AuditLog.Select(a => a.Data).ToList());
            Assert.Contains("machine_client.secret_rotated", string.Join('\n', db.AuditLog.Select(a => a.Action)), StringComparison.Ordinal);
            foreach (var leaked in new[] { secret, newSecret, "sha256:", "secret_hash" })
            {
                Assert.DoesNotContain(leaked, audit, StringComparison.Ordinal);
            }
        }

        using var deactivated = await host.SendAsync(HttpMethod.Delete, $"/api/v1/admin/machine-clients/{id}", adminToken);
        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        using var refused = await host.RequestTokenAsync("pace-mcp", newSecret, ("grant_type", "client_credentials"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task An_agent_cannot_manage_machine_clients()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, token) = await host.SeedPersonalTokenAsync(agent);

        using var response = await host.SendAsync(HttpMethod.Post, "/api/v1/admin/machine-clients", token, new { clientId = "x1", name = "x", scopes = AiScope });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_pace_token_create_command_makes_a_token_that_authenticates()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example");

        var (exitCode, stdout, stderr) = await RunLauncherAsync(host.Database.ConnectionString, "token", "create", "--user", "Agent@Allsop.example", "--name", "first", "--days", "7");

        Assert.True(exitCode == 0, stderr);
        var token = stdout.Trim();
        Assert.StartsWith(TokenSecrets.PersonalTokenPrefix, token, StringComparison.Ordinal);
        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/me/tokens", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal("first", listed.GetProperty("name").GetString());
        Assert.Contains(agent.Id.ToString(), Assert.Single(await host.AuditDataAsync("personal_token.created")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pace_token_create_command_refuses_an_unknown_user_in_one_line()
    {
        await using var host = await TokenTestHost.StartAsync();

        var (exitCode, stdout, stderr) = await RunLauncherAsync(host.Database.ConnectionString, "token", "create", "--user", "nobody@allsop.example");

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout.Trim());
        Assert.StartsWith("pace: no user with the email nobody@allsop.example", stderr.Trim(), StringComparison.Ordinal);
    }

    /// <summary>Pace.Local as <c>./pace</c> runs it, built beside this test assembly's configuration.</summary>
    private static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunLauncherAsync(string connectionString, params string[] arguments)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pace.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var launcher = Path.Combine(root.FullName, "src", "Pace.Local", "bin", configuration, "net10.0", "Pace.Local.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(launcher);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__Pace"] = connectionString;
        start.Environment["PACE_ROOT"] = root.FullName;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
