using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pace.Client;

namespace Pace.Mcp;

/// <summary>pace-mcp holds no data of its own: it is ready when pace-web, where every tool's data lives, answers.</summary>
public sealed class PaceWebReadyCheck(PaceApiClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await client.IsAliveAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("pace-web answered /healthz with an error.");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"pace-web is unreachable: {ex.Message}");
        }
    }
}
