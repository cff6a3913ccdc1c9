using Pace.Common;

namespace Pace.Activities;

/// <summary>Which of a person's tasks a list shows.</summary>
public enum TaskScope
{
    /// <summary>Open tasks due today (Dubai time) and every overdue one: "my tasks today".</summary>
    Today,

    /// <summary>Open tasks whose due time has passed.</summary>
    Overdue,

    /// <summary>Open tasks due after today (Dubai time).</summary>
    Upcoming,

    /// <summary>Every task, open or done.</summary>
    All,
}

/// <summary>The due-time window of a <see cref="TaskScope"/>: due at or after <see cref="DueFrom"/> and before <see cref="DueBefore"/>.</summary>
public sealed record TaskWindow(bool OpenOnly, DateTimeOffset? DueFrom, DateTimeOffset? DueBefore)
{
    /// <summary>The window of <paramref name="scope"/> at <paramref name="now"/>; a day is a Dubai day.</summary>
    public static TaskWindow For(TaskScope scope, DateTimeOffset now)
    {
        var tomorrow = DubaiTime.DayOf(now).Start.AddDays(1);
        return scope switch
        {
            TaskScope.Today => new TaskWindow(true, null, tomorrow),
            TaskScope.Overdue => new TaskWindow(true, null, now),
            TaskScope.Upcoming => new TaskWindow(true, tomorrow, null),
            TaskScope.All => new TaskWindow(false, null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(scope)),
        };
    }
}
