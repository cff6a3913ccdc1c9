using Pace.Notifications;

namespace Pace.Web.Notifications;

public sealed record NotificationInfo(
    Guid Id, NotificationKind Kind, string Title, string? Body, string? Link, Guid? ActivityId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationInfo> Items, string? NextCursor);
