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
        builder.Property(o => o.DecisionReason).HasMaxLength(500);
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
        builder.Property(d => d.FallThroughReason).HasMaxLength(500);
        builder.HasIndex(d => d.ListingId);
        // One deal in progress per listing: a second accepted offer cannot slip in beside the first.
        builder.HasIndex(d => d.ListingId, "ux_deals_listing_in_progress").IsUnique().HasFilter("status = 'in_progress'")
            .HasDatabaseName("ux_deals_listing_in_progress");
        builder.HasIndex(d => d.ApplicantId);
        builder.HasIndex(d => new { d.AgentId, d.Status });
        builder.HasOne<Offer>().WithMany().HasForeignKey(d => d.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Listing>().WithMany().HasForeignKey(d => d.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Applicant>().WithMany().HasForeignKey(d => d.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DealCommissionSplitConfiguration : IEntityTypeConfiguration<DealCommissionSplit>
{
    public void Configure(EntityTypeBuilder<DealCommissionSplit> builder)
    {
        builder.IsEntity("deal_commission_splits");
        builder.Property(s => s.Percent).HasPrecision(5, 2);
        builder.HasIndex(s => new { s.DealId, s.AgentId }).IsUnique();
        builder.HasIndex(s => s.AgentId);
        builder.HasOne<Deal>().WithMany().HasForeignKey(s => s.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_deal_commission_splits_amount", "amount_minor >= 0");
            t.HasCheckConstraint("ck_deal_commission_splits_percent", "percent > 0 AND percent <= 100");
        });
    }
}
