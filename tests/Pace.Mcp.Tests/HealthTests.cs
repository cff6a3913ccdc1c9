using System.Net;
using Pace.Data;
using Pace.Testing;
using Pace.Web;

namespace Pace.Mcp.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_when_pace_web_answers()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using var web = new PaceServiceFactory<WebService>(PaceWebSettings.For(db.ConnectionString));
        await using var mcp = Mcp(web.BaseAddress.ToString());
        using var client = mcp.CreateHttpClient();

        var (status, body) = await HttpAssert.GetJsonAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("pace-web").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Not_ready_while_pace_web_is_down_but_alive()
    {
        await using var mcp = Mcp("http://127.0.0.1:1/");
        using var client = mcp.CreateHttpClient();

        var (ready, body) = await HttpAssert.GetJsonAsync(client, "/readyz");
        var (alive, _) = await HttpAssert.GetJsonAsync(client, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Contains("pace-web is unreachable", body.GetProperty("checks").GetProperty("pace-web").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive);
    }

    [Fact]
    public async Task An_invalid_pace_web_address_ends_start_up_with_one_line()
    {
        var result = await ServiceProcess.RunToExitAsync("Pace.Mcp.dll", new Dictionary<string, string?>
        {
            ["PaceApi__BaseUrl"] = "not-a-url",
            ["Urls"] = "http://127.0.0.1:0",
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("pace-mcp: invalid configuration:", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("BaseUrl", result.StandardError, StringComparison.Ordinal);
    }

    private static PaceServiceFactory<McpService> Mcp(string webBaseUrl) =>
        new(new Dictionary<string, string?> { ["PaceApi:BaseUrl"] = webBaseUrl });
}
