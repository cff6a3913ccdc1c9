using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Pace.Data.Migrations;

namespace Pace.Data;

/// <summary>Ready when the database answers and holds exactly the migrations of this build.</summary>
public sealed class DatabaseReadyCheck(NpgsqlDataSource dataSource, PaceDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var status = await SchemaMigrator.GetStatusAsync(connection, database, cancellationToken);
            if (status.Problems.Count > 0)
            {
                return HealthCheckResult.Unhealthy(string.Join(" ", status.Problems));
            }

            return status.Pending.Count == 0
                ? HealthCheckResult.Healthy($"{status.Applied.Count} migrations applied.")
                : HealthCheckResult.Unhealthy($"Pending migrations: {string.Join(", ", status.Pending)}. Run ./pace migrate.");
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy($"{database.DefaultDatabaseName()} is unreachable: {ex.Message}");
        }
    }
}
