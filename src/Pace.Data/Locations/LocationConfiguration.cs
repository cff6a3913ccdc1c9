using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Data.Common;
using Pace.Locations;

namespace Pace.Data.Locations;

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.IsEntity("locations");
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.NameAr).HasMaxLength(200);
        builder.Property(l => l.Path).HasMaxLength(500);
        builder.HasIndex(l => l.Path).IsUnique().HasOperators("text_pattern_ops");
        builder.HasIndex(l => l.ParentId);
        builder.HasIndex(l => l.PropertyFinderId).IsUnique().HasFilter("property_finder_id IS NOT NULL");
        builder.HasTrigramIndex(l => l.Name);
        builder.HasOne(l => l.Parent).WithMany().HasForeignKey(l => l.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
