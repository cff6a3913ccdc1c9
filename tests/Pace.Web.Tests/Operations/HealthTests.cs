using System.Net;
using System.Net.Sockets;
using Pace.Data;
using Pace.Testing;

namespace Pace.Web.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_when_the_database_is_migrated()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using var web = Web(db.ConnectionString);
        using var client = web.CreateHttpClient();

        var (status, body) = await HttpAssert.GetJsonAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("pace-database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Not_ready_while_migrations_are_pending_and_says_what_to_run()
    {
        await using var db = await TestDatabase.CreateEmptyAsync("unmigrated");
        await using var web = Web(db.ConnectionString);
        using var client = web.CreateHttpClient();

        var (status, body) = await HttpAssert.GetJsonAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var description = body.GetProperty("checks").GetProperty("pace-database").GetProperty("description").GetString();
        Assert.Contains("Pending migrations: 0001_initial", description, StringComparison.Ordinal);
        Assert.Contains("./pace migrate", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_ready_when_the_database_is_unreachable_but_still_alive()
    {
        await using var web = Web("Host=127.0.0.1;Port=1;Database=pace;Username=pace;Password=x;Timeout=2");
        using var client = web.CreateHttpClient();

        var (ready, body) = await HttpAssert.GetJsonAsync(client, "/readyz");
        var (alive, _) = await HttpAssert.GetJsonAsync(client, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Contains("unreachable", body.GetProperty("checks").GetProperty("pace-database").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive);
    }

    [Fact]
    public async Task A_missing_connection_string_ends_start_up_with_one_line_naming_the_setting()
    {
        var result = await ServiceProcess.RunToExitAsync("Pace.Web.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__Pace"] = "",
            ["Urls"] = "http://127.0.0.1:0",
            // Production requires the Google client; set it so the connection string is the only failure.
            ["Identity__Google__ClientId"] = "pace-web.apps.googleusercontent.com",
            ["Identity__Google__ClientSecret"] = "x",
            ["Tokens__KeyEncryptionKey"] = PaceWebSettings.NewKeyEncryptionKey(),
            ["Media__Root"] = PaceWebSettings.NewMediaRoot(),
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pace-web: invalid configuration: ConnectionStrings:Pace (env ConnectionStrings__Pace) is missing", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_port_ends_start_up_with_one_line_naming_the_address()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var result = await ServiceProcess.RunToExitAsync("Pace.Web.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__Pace"] = "Host=127.0.0.1;Port=1;Database=pace",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Identity__Google__ClientId"] = "pace-web.apps.googleusercontent.com",
            ["Identity__Google__ClientSecret"] = "x",
            ["Tokens__KeyEncryptionKey"] = PaceWebSettings.NewKeyEncryptionKey(),
            ["Media__Root"] = PaceWebSettings.NewMediaRoot(),
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"pace-web: cannot start: Failed to bind to address http://127.0.0.1:{port}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_path_answers_problem_details()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using var web = Web(db.ConnectionString);
        using var client = web.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_names_the_service()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using var web = Web(db.ConnectionString);
        using var client = web.CreateHttpClient();

        var (status, body) = await HttpAssert.GetJsonAsync(client, "/about");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(WebService.Name, body.GetProperty("service").GetString());
    }

    private static PaceServiceFactory<WebService> Web(string connectionString) =>
        new(PaceWebSettings.For(connectionString));
}
