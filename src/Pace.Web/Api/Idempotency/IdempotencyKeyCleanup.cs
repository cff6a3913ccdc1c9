using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Web.Common;

namespace Pace.Web.Api.Idempotency;

/// <summary>
/// Deletes expired idempotency keys, a batch at a time. Safe on any number of replicas without a lock: each batch
/// takes its rows with <c>FOR UPDATE SKIP LOCKED</c>, so two replicas delete different rows and neither waits. A key
/// that expired but is not deleted yet is already treated as free by the claim.
/// </summary>
public sealed partial class IdempotencyKeyCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyKeyCleanup> logger) : BackgroundService
{
    public const int Batch = 1000;

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundRounds.RunAsync(RunOnceAsync, Interval, clock, ex => LogFailed(logger, ex), stoppingToken);

    /// <summary>One round: the number of expired keys deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PaceDbContext>();
            var now = clock.GetUtcNow();
            deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM idempotency_keys
                WHERE (caller, key) IN (
                    SELECT caller, key FROM idempotency_keys
                    WHERE expires_at <= {now}
                    ORDER BY expires_at
                    LIMIT {Batch}
                    FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
            total += deleted;
        }
        while (deleted == Batch);

        return total;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Idempotency key cleanup failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
