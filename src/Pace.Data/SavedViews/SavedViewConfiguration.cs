using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Data.Common;
using Pace.Identity;
using Pace.SavedViews;

namespace Pace.Data.SavedViews;

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.IsEntity("saved_views");
        builder.Property(v => v.Page).HasMaxLength(50);
        builder.Property(v => v.Name).HasMaxLength(SavedView.NameLength);
        builder.Property(v => v.NameKey).HasMaxLength(SavedView.NameLength);
        builder.Property(v => v.Query).HasMaxLength(2000);
        // One name per person and page whatever its case; the same index lists a person's views of a page by name.
        builder.HasIndex(v => new { v.UserId, v.Page, v.NameKey }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_saved_views_name_key", "name_key = lower(name)"));
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
