using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using Pace.Applicants;
using Pace.Data.Common;

namespace Pace.Data.Applicants;

internal sealed class ApplicantConfiguration : IEntityTypeConfiguration<Applicant>
{
    public void Configure(EntityTypeBuilder<Applicant> builder)
    {
        builder.IsEntity("applicants");
        builder.Property(a => a.FirstName).HasMaxLength(100);
        builder.Property(a => a.LastName).HasMaxLength(100);
        builder.Property(a => a.FullName).HasMaxLength(201)
            .HasComputedColumnSql("btrim(first_name || ' ' || coalesce(last_name, ''))", stored: true);
        builder.Property(a => a.Language).HasMaxLength(8);
        builder.Property(a => a.Nationality).HasMaxLength(2);
        builder.Property(a => a.SourceDetail).HasMaxLength(200);
        builder.Property(a => a.LostReason).HasMaxLength(64);
        builder.Property(a => a.ExternalId).HasMaxLength(64);

        // The list screens: an agent's, a team's (agent ids of the team) and everyone's, newest first, keyset by id.
        builder.HasIndex(a => new { a.AssignedAgentId, a.CreatedAt, a.Id }).IsDescending(false, true, true);
        builder.HasIndex(a => new { a.CreatedAt, a.Id }).IsDescending(true, true);
        builder.HasIndex(a => new { a.AssignedAgentId, a.Stage });
        builder.HasIndex(a => new { a.Stage, a.StageChangedAt });
        builder.HasTrigramIndex(a => a.FullName);
        builder.HasIndex(a => a.Tags).HasMethod("gin");
        builder.HasIndex(a => a.ExternalId).IsUnique().HasFilter("external_id IS NOT NULL");
        builder.HasIndex(a => a.MergedIntoId).HasFilter("merged_into_id IS NOT NULL");

        builder.HasOne(a => a.AssignedAgent).WithMany().HasForeignKey(a => a.AssignedAgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Applicant>().WithMany().HasForeignKey(a => a.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Phones).WithOne().HasForeignKey(p => p.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Emails).WithOne().HasForeignKey(e => e.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Requirements).WithOne().HasForeignKey(r => r.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Consents).WithOne().HasForeignKey(c => c.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_applicants_lost_reason", "(stage = 'lost') = (lost_reason IS NOT NULL)"));
    }
}

internal sealed class ApplicantPhoneConfiguration : IEntityTypeConfiguration<ApplicantPhone>
{
    /// <summary>
    /// The number's last seven digits, generated: the same mobile typed with another operator prefix or country code
    /// ends the same, and the duplicate check finds such numbers by this index (0011_phone_suffix.sql).
    /// </summary>
    public const string Suffix = "NumberSuffix";

    public void Configure(EntityTypeBuilder<ApplicantPhone> builder)
    {
        builder.IsEntity("applicant_phones");
        builder.Property(p => p.Number).HasMaxLength(16);
        builder.Property(p => p.Label).HasMaxLength(32);
        builder.Property<string>(Suffix).HasMaxLength(7).HasComputedColumnSql("right(number, 7)", stored: true);
        builder.HasIndex(Suffix);
        builder.HasIndex(p => p.Number);
        builder.HasIndex(p => new { p.ApplicantId, p.Number }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_applicant_phones_e164", "number ~ '^\\+[1-9][0-9]{7,14}$'"));
    }
}

internal sealed class ApplicantEmailConfiguration : IEntityTypeConfiguration<ApplicantEmail>
{
    public void Configure(EntityTypeBuilder<ApplicantEmail> builder)
    {
        builder.IsEntity("applicant_emails");
        builder.Property(e => e.Address).HasMaxLength(320);
        builder.HasIndex(e => e.Address);
        builder.HasIndex(e => new { e.ApplicantId, e.Address }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_applicant_emails_lower", "address = lower(address)"));
    }
}

internal sealed class RequirementConfiguration : IEntityTypeConfiguration<Requirement>
{
    /// <summary>The budget range as an <c>int8range</c> (an open end where none was given), generated from the two columns.</summary>
    public const string BudgetBand = "BudgetBand";

    /// <summary>The bedroom range as an <c>int4range</c>, generated like <see cref="BudgetBand"/>.</summary>
    public const string BedroomsBand = "BedroomsBand";

    /// <summary>
    /// The places named, or <see cref="Anywhere"/> when none is: "names a place above the listing, or none" is then one
    /// array overlap the GIN index answers, where an OR with an empty array would read every requirement.
    /// </summary>
    public const string MatchPlaces = "MatchLocationIds";

    /// <summary>The place that stands for "anywhere" in <see cref="MatchPlaces"/>.</summary>
    public static readonly Guid Anywhere = Guid.Empty;

    /// <summary>The GiST index of reverse matching over (purpose, budget band, bedrooms band) of active requirements.</summary>
    public const string MatchIndex = "ix_requirements_match";

    public void Configure(EntityTypeBuilder<Requirement> builder)
    {
        builder.IsEntity("requirements");
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.SizeMinSqft).HasPrecision(12, 2);
        builder.Property(r => r.SizeMaxSqft).HasPrecision(12, 2);
        builder.HasIndex(r => r.ApplicantId);
        // Listing → applicants matching (0007_matching.sql says how the two indexes combine): the places named, and
        // the budget and bedroom ranges as ranges, so "the budgets that take this price" is an overlap an index answers.
        builder.Property<Guid[]>(MatchPlaces).HasComputedColumnSql(
            $"CASE WHEN cardinality(location_ids) = 0 THEN ARRAY['{Anywhere}'::uuid] ELSE location_ids END", stored: true);
        builder.HasIndex(MatchPlaces).HasMethod("gin");
        builder.Property<NpgsqlRange<long>?>(BudgetBand).HasComputedColumnSql("int8range(budget_min, budget_max, '[]')", stored: true);
        builder.Property<NpgsqlRange<int>?>(BedroomsBand).HasComputedColumnSql("int4range(bedrooms_min, bedrooms_max, '[]')", stored: true);
        builder.HasIndex(nameof(Requirement.Purpose), BudgetBand, BedroomsBand).HasMethod("gist").HasFilter("is_active")
            .HasDatabaseName(MatchIndex);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_requirements_budget_range", "budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max");
            t.HasCheckConstraint("ck_requirements_bedrooms_range", "bedrooms_min IS NULL OR bedrooms_max IS NULL OR bedrooms_min <= bedrooms_max");
            t.HasCheckConstraint("ck_requirements_size_range", "size_min_sqft IS NULL OR size_max_sqft IS NULL OR size_min_sqft <= size_max_sqft");
        });
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.ToTable("consents");
        builder.HasKey(c => new { c.ApplicantId, c.Channel });
        builder.Property(c => c.Source).HasMaxLength(64);
        builder.HasOne<Pace.Identity.User>().WithMany().HasForeignKey(c => c.RecordedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AssignmentRuleConfiguration : IEntityTypeConfiguration<AssignmentRule>
{
    public void Configure(EntityTypeBuilder<AssignmentRule> builder)
    {
        builder.IsEntity("assignment_rules");
        builder.Property(r => r.Name).HasMaxLength(100);
        // Routing reads the active rules in priority order.
        builder.HasIndex(r => new { r.Priority, r.Id }).HasFilter("is_active");
        builder.HasIndex(r => r.TeamId);
        builder.HasOne<Pace.Identity.Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Pace.Identity.User>().WithMany().HasForeignKey(r => r.LastAssignedUserId).OnDelete(DeleteBehavior.SetNull);
        builder.ToTable(t => t.HasCheckConstraint("ck_assignment_rules_price_band", "price_min IS NULL OR price_max IS NULL OR price_min <= price_max"));
    }
}
