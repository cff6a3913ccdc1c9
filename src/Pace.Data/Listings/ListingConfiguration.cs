using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Data.Common;
using Pace.Listings;

namespace Pace.Data.Listings;

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    /// <summary>The predicate of the partial indexes of the inventory; queries must state it with constants to use them.</summary>
    internal const string InventoryFilter = "status IN ('live', 'under_offer')";

    public void Configure(EntityTypeBuilder<Listing> builder)
    {
        builder.IsEntity("listings");
        builder.Property(l => l.Reference).HasMaxLength(32);
        builder.Property(l => l.PropertyType).HasMaxLength(64);
        builder.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(l => l.SizeSqft).HasPrecision(12, 2);
        builder.Property(l => l.PlotSizeSqft).HasPrecision(12, 2);
        builder.Property(l => l.PermitSizeSqft).HasPrecision(12, 2);
        builder.Property(l => l.UnitNumber).HasMaxLength(32);
        builder.Property(l => l.FloorNumber).HasMaxLength(16);
        builder.Property(l => l.Developer).HasMaxLength(200);
        builder.Property(l => l.ProjectName).HasMaxLength(200);
        builder.Property(l => l.TitleEn).HasMaxLength(200);
        builder.Property(l => l.TitleAr).HasMaxLength(200);
        builder.Property(l => l.PermitNumber).HasMaxLength(64);
        builder.Property(l => l.ExternalId).HasMaxLength(64);

        // text_pattern_ops: the reference search is a prefix (LIKE 'AA-S-102%'), which a plain index serves only in the C locale.
        builder.HasIndex(l => l.Reference).IsUnique().HasOperators("text_pattern_ops");
        // Inventory search: live listings of a purpose by price; by location subtree; an agent's own listings.
        builder.HasIndex(l => new { l.Status, l.Purpose, l.PriceMinor, l.Id });
        // The listing search's sorts over the inventory (live and under offer), and over one other status (0004_listings.sql says why).
        builder.HasIndex(l => new { l.CreatedAt, l.Id }).IsDescending(true, true)
            .HasFilter(InventoryFilter).HasDatabaseName("ix_listings_inventory_newest");
        builder.HasIndex(l => new { l.Purpose, l.PriceMinor, l.Id })
            .HasFilter(InventoryFilter).HasDatabaseName("ix_listings_inventory_price");
        builder.HasIndex(l => new { l.Bedrooms, l.PriceMinor, l.Id })
            .HasFilter(InventoryFilter).HasDatabaseName("ix_listings_inventory_beds");
        // The search by place with its usual filters (0010_listing_search_by_place.sql says why).
        builder.HasIndex(l => new { l.LocationId, l.Status, l.Purpose, l.PropertyType, l.Bedrooms, l.PriceMinor })
            .IncludeProperties(l => new { l.CreatedAt, l.Id })
            .HasFilter(InventoryFilter).HasDatabaseName("ix_listings_inventory_location");
        builder.HasIndex(l => new { l.Status, l.CreatedAt, l.Id }).IsDescending(false, true, true);
        builder.HasIndex(l => new { l.LocationId, l.Status });
        builder.HasIndex(l => new { l.Status, l.Bedrooms });
        builder.HasIndex(l => new { l.ListingAgentId, l.UpdatedAt, l.Id }).IsDescending(false, true, true);
        // Feeds, exports and "changed since" pulls.
        builder.HasIndex(l => new { l.UpdatedAt, l.Id });
        builder.HasIndex(l => l.OwnerId);
        builder.HasIndex(l => l.PermitNumber);
        builder.HasIndex(l => l.ExternalId).IsUnique().HasFilter("external_id IS NOT NULL");

        builder.HasOne(l => l.Location).WithMany().HasForeignKey(l => l.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.Owner).WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.ListingAgent).WithMany().HasForeignKey(l => l.ListingAgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Media).WithOne().HasForeignKey(m => m.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_listings_price", "price_minor >= 0");
            t.HasCheckConstraint("ck_listings_size", "size_sqft > 0");
            t.HasCheckConstraint("ck_listings_rent_frequency_for_rent", "(purpose = 'rent') = (rent_frequency IS NOT NULL)");
        });
    }
}

internal sealed class ListingMediaConfiguration : IEntityTypeConfiguration<ListingMedia>
{
    public void Configure(EntityTypeBuilder<ListingMedia> builder)
    {
        builder.IsEntity("listing_media");
        builder.Property(m => m.StorageKey).HasMaxLength(300);
        builder.Property(m => m.Url).HasMaxLength(2000);
        builder.Property(m => m.ContentType).HasMaxLength(100);
        builder.Property(m => m.Caption).HasMaxLength(300);
        builder.HasIndex(m => new { m.ListingId, m.SortOrder });
        // A stored file once per listing; and whether any media item still points to a file before it is deleted.
        builder.HasIndex(m => new { m.StorageKey, m.ListingId }).IsUnique().HasFilter("storage_key IS NOT NULL");
        builder.ToTable(t => t.HasCheckConstraint("ck_listing_media_source", "storage_key IS NOT NULL OR url IS NOT NULL"));
    }
}

internal sealed class ListingApprovalConfiguration : IEntityTypeConfiguration<ListingApproval>
{
    public void Configure(EntityTypeBuilder<ListingApproval> builder)
    {
        builder.IsEntity("listing_approvals");
        builder.Property(a => a.Reason).HasMaxLength(1000);
        builder.HasIndex(a => new { a.ListingId, a.RequestedAt });
        // The manager's approval queue.
        builder.HasIndex(a => a.RequestedAt).HasFilter("decision = 'pending'").HasDatabaseName("ix_listing_approvals_pending");
        builder.HasOne<Listing>().WithMany().HasForeignKey(a => a.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Pace.Identity.User>().WithMany().HasForeignKey(a => a.RequestedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Pace.Identity.User>().WithMany().HasForeignKey(a => a.DecidedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ListingPortalConfiguration : IEntityTypeConfiguration<ListingPortal>
{
    public void Configure(EntityTypeBuilder<ListingPortal> builder)
    {
        builder.ToTable("listing_portals");
        builder.HasKey(p => new { p.ListingId, p.Portal });
        builder.Property(p => p.ExternalId).HasMaxLength(64);
        builder.Property(p => p.LastError).HasMaxLength(2000);
        builder.HasIndex(p => new { p.Portal, p.State });
        builder.HasIndex(p => new { p.Portal, p.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        builder.HasOne<Listing>().WithMany().HasForeignKey(p => p.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}
