using System.Net;
using Pace.Testing;

namespace Pace.Sandbox.Tests;

public sealed class HealthTests
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task The_sandbox_is_alive_and_ready_on_its_own(string path)
    {
        await using var sandbox = new PaceServiceFactory<SandboxService>(new Dictionary<string, string?>());
        using var client = sandbox.CreateHttpClient();

        var (status, body) = await HttpAssert.GetJsonAsync(client, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }
}
