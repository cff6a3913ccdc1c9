using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Applicants;
using Pace.Data.Common;
using Pace.Identity;
using Pace.Listings;
using Pace.Viewings;

namespace Pace.Data.Viewings;

internal sealed class ViewingConfiguration : IEntityTypeConfiguration<Viewing>
{
    public void Configure(EntityTypeBuilder<Viewing> builder)
    {
        builder.IsEntity("viewings");
        builder.Property(v => v.Feedback).HasMaxLength(4000);
        builder.Property(v => v.CancelReason).HasMaxLength(500);
        builder.Property(v => v.Notes).HasMaxLength(2000);
        builder.Property(v => v.CalendarEventId).HasMaxLength(1024);
        builder.HasIndex(v => new { v.AgentId, v.StartsAt });
        builder.HasIndex(v => new { v.ListingId, v.StartsAt });
        builder.HasIndex(v => new { v.ApplicantId, v.StartsAt });
        builder.HasOne<Listing>().WithMany().HasForeignKey(v => v.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Applicant>().WithMany().HasForeignKey(v => v.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_viewings_period", "ends_at > starts_at");
            t.HasCheckConstraint("ck_viewings_rating", "rating BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_viewings_rating_when_completed", "rating IS NULL OR status = 'completed'");
        });
    }
}
