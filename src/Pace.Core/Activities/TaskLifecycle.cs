namespace Pace.Activities;

/// <summary>
/// A task (an <see cref="Activity"/> of kind Task) is open until completed and can be reopened. Moving its reminder
/// arms it again, so a reminder changed after it went out is sent at the new time.
/// </summary>
public static class TaskLifecycle
{
    public static string? CompleteRefusal(Activity task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.CompletedAt is null ? null : "The task is already done.";
    }

    public static string? ReopenRefusal(Activity task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.CompletedAt is null ? "The task is open: there is nothing to reopen." : null;
    }

    public static void Complete(Activity task, DateTimeOffset now)
    {
        if (CompleteRefusal(task) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        task.CompletedAt = now;
    }

    public static void Reopen(Activity task)
    {
        if (ReopenRefusal(task) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        task.CompletedAt = null;
    }

    /// <summary>Sets when to remind the assignee; a different time (or none) arms the reminder again.</summary>
    public static void RemindAt(Activity task, DateTimeOffset? remindAt)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.RemindAt != remindAt)
        {
            task.RemindAt = remindAt;
            task.RemindedAt = null;
        }
    }
}
