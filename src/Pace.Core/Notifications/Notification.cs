using Pace.Common;

namespace Pace.Notifications;

public enum NotificationKind
{
    TaskReminder,
}

/// <summary>Something PACE tells one member of staff (a task reminder…), shown in their notification list until read.</summary>
public sealed class Notification : Entity
{
    public Guid UserId { get; set; }

    public NotificationKind Kind { get; set; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    /// <summary>Where the notification leads in PACE (a path, e.g. <c>/tasks/{id}</c>).</summary>
    public string? Link { get; set; }

    /// <summary>The activity (task) it is about, if any.</summary>
    public Guid? ActivityId { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}
