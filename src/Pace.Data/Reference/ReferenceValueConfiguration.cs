using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Data.Common;
using Pace.Reference;

namespace Pace.Data.Reference;

internal sealed class ReferenceValueConfiguration : IEntityTypeConfiguration<ReferenceValue>
{
    public void Configure(EntityTypeBuilder<ReferenceValue> builder)
    {
        builder.IsEntity("reference_values");
        builder.Property(r => r.Code).HasMaxLength(64);
        builder.Property(r => r.Label).HasMaxLength(200);
        builder.Property(r => r.LabelAr).HasMaxLength(200);
        builder.HasIndex(r => new { r.Kind, r.Code }).IsUnique();
    }
}
