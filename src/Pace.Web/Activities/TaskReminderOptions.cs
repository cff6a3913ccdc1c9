using System.ComponentModel.DataAnnotations;

namespace Pace.Web.Activities;

/// <summary>The task reminder job (<c>Tasks:Reminders</c>).</summary>
public sealed class TaskReminderOptions
{
    public const string Section = "Tasks:Reminders";

    /// <summary>Off, reminders go out only when the job is run by hand (tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due reminders are looked for: a reminder goes out at most this late.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reminders sent per transaction.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;
}
