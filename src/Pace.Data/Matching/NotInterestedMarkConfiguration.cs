using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Applicants;
using Pace.Data.Common;
using Pace.Listings;
using Pace.Matching;

namespace Pace.Data.Matching;

internal sealed class NotInterestedMarkConfiguration : IEntityTypeConfiguration<NotInterestedMark>
{
    public void Configure(EntityTypeBuilder<NotInterestedMark> builder)
    {
        builder.IsEntity("not_interested_marks");
        builder.Property(m => m.Reason).HasMaxLength(NotInterestedMark.MaxReasonLength);
        // One mark per pair; both matching directions probe it by (applicant, listing) for each candidate.
        builder.HasIndex(m => new { m.ApplicantId, m.ListingId }).IsUnique();
        builder.HasIndex(m => m.ListingId);
        builder.HasIndex(m => m.MarkedById);
        builder.HasOne<Applicant>().WithMany().HasForeignKey(m => m.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Listing>().WithMany().HasForeignKey(m => m.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Pace.Identity.User>().WithMany().HasForeignKey(m => m.MarkedById).OnDelete(DeleteBehavior.SetNull);
    }
}
