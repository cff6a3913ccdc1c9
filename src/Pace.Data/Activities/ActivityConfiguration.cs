using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Activities;
using Pace.Applicants;
using Pace.Data.Common;
using Pace.Identity;
using Pace.Listings;

namespace Pace.Data.Activities;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.IsEntity("activities");
        builder.Property(a => a.Subject).HasMaxLength(500);
        builder.Property(a => a.Data).HasColumnType("jsonb");
        builder.Property(a => a.ExternalId).HasMaxLength(128);

        // Timelines, newest first, keyset by id.
        builder.HasIndex(a => new { a.ApplicantId, a.OccurredAt, a.Id }).IsDescending(false, true, true);
        builder.HasIndex(a => new { a.ListingId, a.OccurredAt, a.Id }).IsDescending(false, true, true).HasFilter("listing_id IS NOT NULL");
        builder.HasIndex(a => new { a.UserId, a.OccurredAt }).IsDescending(false, true);
        // A person's open tasks by due time ("my tasks today", overdue, upcoming), and all their tasks; keyset by id.
        builder.HasIndex(a => new { a.UserId, a.DueAt, a.Id }).HasFilter("kind = 'task' AND completed_at IS NULL").HasDatabaseName("ix_activities_open_tasks");
        builder.HasIndex(a => new { a.UserId, a.DueAt, a.Id }, "ix_activities_tasks").HasFilter("kind = 'task'").HasDatabaseName("ix_activities_tasks");
        // The reminders the reminder job has still to send.
        builder.HasIndex(a => a.RemindAt, "ix_activities_pending_reminders")
            .HasFilter("kind = 'task' AND completed_at IS NULL AND reminded_at IS NULL AND remind_at IS NOT NULL")
            .HasDatabaseName("ix_activities_pending_reminders");
        builder.HasIndex(a => new { a.Kind, a.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");

        builder.HasOne<Applicant>().WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Listing>().WithMany().HasForeignKey(a => a.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Pace.Viewings.Viewing>().WithMany().HasForeignKey(a => a.ViewingId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Pace.Deals.Offer>().WithMany().HasForeignKey(a => a.OfferId).OnDelete(DeleteBehavior.SetNull);
    }
}
