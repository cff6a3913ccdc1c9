using Microsoft.EntityFrameworkCore;
using Pace.Data;

namespace Pace.Web.Notifications;

/// <summary>The number on the notifications bell.</summary>
public static class NotificationCounts
{
    /// <summary>The bell says "99+" beyond this, so the count never reads more than this many index entries.</summary>
    public const int Cap = 99;

    /// <summary>The caller's unread notifications, up to one past <see cref="Cap"/> (the partial unread index).</summary>
    public static Task<int> UnreadAsync(PaceDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.ReadAt == null).Take(Cap + 1).CountAsync(cancellationToken);
    }
}
