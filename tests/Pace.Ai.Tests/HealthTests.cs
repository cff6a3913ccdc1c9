using System.Net;
using Pace.Data;
using Pace.Testing;

namespace Pace.Ai.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_when_the_AI_database_is_migrated()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.PaceAi);
        await using var ai = Ai(db.ConnectionString);
        using var client = ai.CreateHttpClient();

        var (status, body) = await HttpAssert.GetJsonAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("pace_ai-database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Not_ready_on_the_CRM_database_instead_of_its_own()
    {
        // pace_ai's migrations are not in a Pace DB: a swapped connection string is caught before traffic arrives.
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using var ai = Ai(db.ConnectionString);
        using var client = ai.CreateHttpClient();

        var (status, _) = await HttpAssert.GetJsonAsync(client, "/readyz");
        var (alive, _) = await HttpAssert.GetJsonAsync(client, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(HttpStatusCode.OK, alive);
    }

    [Fact]
    public async Task A_missing_connection_string_ends_start_up_with_one_line_naming_the_setting()
    {
        var result = await ServiceProcess.RunToExitAsync("Pace.Ai.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__PaceAi"] = "not a connection string",
            ["Urls"] = "http://127.0.0.1:0",
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("pace-ai: invalid configuration: ConnectionStrings:PaceAi", result.StandardError, StringComparison.Ordinal);
    }

    private static PaceServiceFactory<AiService> Ai(string connectionString) =>
        new(new Dictionary<string, string?> { ["ConnectionStrings:PaceAi"] = connectionString });
}
