using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Applicants;
using Pace.Data.Common;
using Pace.Deals;
using Pace.Identity;
using Pace.Listings;

namespace Pace.Data.Deals;

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.IsEntity("offers");
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.Conditions).HasMaxLength(4000);
        builder.HasIndex(o => new { o.ListingId, o.CreatedAt });
        builder.HasIndex(o => new { o.ApplicantId, o.CreatedAt });
        builder.HasIndex(o => new { o.AgentId, o.Status });
        builder.HasOne<Listing>().WithMany().HasForeignKey(o => o.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Applicant>().WithMany().HasForeignKey(o => o.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(o => o.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_offers_amount", "amount_minor > 0"));
    }
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.IsEntity("deals");
        builder.Property(d => d.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasIndex(d => d.OfferId).IsUnique();
        builder.HasIndex(d => d.ListingId);
        builder.HasIndex(d => d.ApplicantId);
        builder.HasIndex(d => new { d.AgentId, d.Status });
        builder.HasOne<Offer>().WithMany().HasForeignKey(d => d.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Listing>().WithMany().HasForeignKey(d => d.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Applicant>().WithMany().HasForeignKey(d => d.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}
