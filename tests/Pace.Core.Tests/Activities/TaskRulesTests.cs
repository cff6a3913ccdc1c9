using Pace.Activities;

namespace Pace.Core.Tests.Activities;

public sealed class TaskRulesTests
{
    [Theory]
    // 19:59:59 UTC is 23:59:59 in Dubai: the day ends at 20:00 UTC.
    [InlineData("2025-03-04T19:59:59Z", "2025-03-04T20:00:00Z")]
    // 20:00 UTC is already the next Dubai day.
    [InlineData("2025-03-04T20:00:00Z", "2025-03-05T20:00:00Z")]
    [InlineData("2025-03-04T00:30:00Z", "2025-03-04T20:00:00Z")]
    public void Today_ends_at_the_next_Dubai_midnight(string now, string endOfToday)
    {
        var instant = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(endOfToday, System.Globalization.CultureInfo.InvariantCulture);

        var today = TaskWindow.For(TaskScope.Today, instant);
        var upcoming = TaskWindow.For(TaskScope.Upcoming, instant);

        Assert.Equal(new TaskWindow(true, null, end), today);
        Assert.Equal(new TaskWindow(true, end, null), upcoming);
        Assert.Equal(new TaskWindow(true, null, instant), TaskWindow.For(TaskScope.Overdue, instant));
        Assert.Equal(new TaskWindow(false, null, null), TaskWindow.For(TaskScope.All, instant));
    }

    [Fact]
    public void A_task_is_completed_and_reopened_once_each()
    {
        var now = new DateTimeOffset(2025, 3, 4, 6, 0, 0, TimeSpan.Zero);
        var task = new Activity { Kind = ActivityKind.Task };

        TaskLifecycle.Complete(task, now);
        var completeTwice = TaskLifecycle.CompleteRefusal(task);
        TaskLifecycle.Reopen(task);

        Assert.NotNull(completeTwice);
        Assert.Null(task.CompletedAt);
        Assert.NotNull(TaskLifecycle.ReopenRefusal(task));
        Assert.Throws<InvalidOperationException>(() => TaskLifecycle.Reopen(task));
    }

    [Fact]
    public void Moving_a_sent_reminder_arms_it_again_and_setting_the_same_time_does_not()
    {
        var at = new DateTimeOffset(2025, 3, 4, 6, 0, 0, TimeSpan.Zero);
        var task = new Activity { Kind = ActivityKind.Task, RemindAt = at, RemindedAt = at };

        TaskLifecycle.RemindAt(task, at);
        var unchanged = task.RemindedAt;
        TaskLifecycle.RemindAt(task, at.AddHours(1));

        Assert.Equal(at, unchanged);
        Assert.Null(task.RemindedAt);
        Assert.Equal(at.AddHours(1), task.RemindAt);
    }

    [Fact]
    public void Task_details_round_trip_through_the_timeline_data_and_unknown_values_read_as_normal()
    {
        var creator = Guid.Parse("0195f0a0-0000-7000-8000-0000000000aa");

        var details = TaskDetails.Read(new TaskDetails(TaskPriority.High, creator).Write());

        Assert.Equal(new TaskDetails(TaskPriority.High, creator), details);
        Assert.Equal(new TaskDetails(TaskPriority.Normal, null), TaskDetails.Read("""{"priority": "urgent"}"""));
        Assert.Equal(new TaskDetails(TaskPriority.Normal, null), TaskDetails.Read(null));
    }
}
