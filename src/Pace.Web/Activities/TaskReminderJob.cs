using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Pace.Common;
using Pace.Data;
using Pace.Notifications;

namespace Pace.Web.Activities;

/// <summary>
/// Sends the reminders of open tasks whose time has come, as notifications to their assignees. Safe with any number
/// of replicas and overlapping runs: each batch locks its tasks with <c>FOR UPDATE SKIP LOCKED</c> and marks them
/// reminded in the same transaction as the notifications, so a reminder goes out exactly once.
/// </summary>
public sealed partial class TaskReminderJob(
    IServiceScopeFactory scopes, IOptions<TaskReminderOptions> options, TimeProvider clock, ILogger<TaskReminderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or InvalidOperationException)
            {
                // A database outage must not stop the job: the next tick tries again, and nothing was half-sent.
                LogFailed(logger, ex);
            }
        }
    }

    /// <summary>Sends every reminder due now; returns how many went out.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        var sent = 0;
        while (true)
        {
            var count = await SendBatchAsync(batchSize, cancellationToken);
            sent += count;
            if (count < batchSize)
            {
                break;
            }
        }

        if (sent > 0)
        {
            LogSent(logger, sent);
        }

        return sent;
    }

    private async Task<int> SendBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaceDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM activities
            WHERE kind = 'task' AND completed_at IS NULL AND reminded_at IS NULL AND remind_at IS NOT NULL AND remind_at <= {now}
            ORDER BY remind_at
            LIMIT {batchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var tasks = await db.Activities.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            task.RemindedAt = now;
            if (task.UserId is { } assignee)
            {
                db.Notifications.Add(new Notification
                {
                    UserId = assignee,
                    Kind = NotificationKind.TaskReminder,
                    Title = $"Reminder: {task.Subject}",
                    Body = task.DueAt is { } due ? $"Due {DubaiTime.FormatDateTime(due)} (Dubai time)." : null,
                    Link = $"/tasks/{task.Id}",
                    ActivityId = task.Id,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} task reminders")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending task reminders failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
