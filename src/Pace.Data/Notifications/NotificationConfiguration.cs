using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Activities;
using Pace.Data.Common;
using Pace.Identity;
using Pace.Notifications;

namespace Pace.Data.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.IsEntity("notifications");
        builder.Property(n => n.Title).HasMaxLength(500);
        builder.Property(n => n.Body).HasMaxLength(2000);
        builder.Property(n => n.Link).HasMaxLength(500);
        // A person's notifications newest first, all or only the unread; keyset by id.
        builder.HasIndex(n => new { n.UserId, n.CreatedAt, n.Id }).IsDescending(false, true, true);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt, n.Id }, "ix_notifications_unread").IsDescending(false, true, true).HasFilter("read_at IS NULL")
            .HasDatabaseName("ix_notifications_unread");
        builder.HasIndex(n => n.ActivityId);
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Activity>().WithMany().HasForeignKey(n => n.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
