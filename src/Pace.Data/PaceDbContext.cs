using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Audit;
using Pace.Data.Common;
using Pace.Data.Listings;
using Pace.Deals;
using Pace.Idempotency;
using Pace.Identity;
using Pace.Listings;
using Pace.Locations;
using Pace.Matching;
using Pace.Notifications;
using Pace.Outbox;
using Pace.Reference;
using Pace.SavedViews;
using Pace.Settings;
using Pace.Viewings;
using Pace.Webhooks;

namespace Pace.Data;

/// <summary>Pace DB: the CRM.</summary>
public sealed class PaceDbContext(DbContextOptions<PaceDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<MachineClient> MachineClients => Set<MachineClient>();

    public DbSet<PersonalToken> PersonalTokens => Set<PersonalToken>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Location> Locations => Set<Location>();

    public DbSet<ReferenceValue> ReferenceValues => Set<ReferenceValue>();

    public DbSet<Applicant> Applicants => Set<Applicant>();

    public DbSet<ApplicantPhone> ApplicantPhones => Set<ApplicantPhone>();

    public DbSet<ApplicantEmail> ApplicantEmails => Set<ApplicantEmail>();

    public DbSet<Requirement> Requirements => Set<Requirement>();

    public DbSet<Consent> Consents => Set<Consent>();

    public DbSet<AssignmentRule> AssignmentRules => Set<AssignmentRule>();

    public DbSet<Listing> Listings => Set<Listing>();

    public DbSet<ListingMedia> ListingMedia => Set<ListingMedia>();

    public DbSet<ListingApproval> ListingApprovals => Set<ListingApproval>();

    public DbSet<ListingPortal> ListingPortals => Set<ListingPortal>();

    public DbSet<Viewing> Viewings => Set<Viewing>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Offer> Offers => Set<Offer>();

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<DealCommissionSplit> DealCommissionSplits => Set<DealCommissionSplit>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotInterestedMark> NotInterestedMarks => Set<NotInterestedMark>();

    public DbSet<Setting> Settings => Set<Setting>();

    public DbSet<SavedView> SavedViews => Set<SavedView>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<InboundWebhook> InboundWebhooks => Set<InboundWebhook>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        // GiST over a text column beside ranges (the reverse-matching index of requirements).
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.HasSequence<long>(ListingReferences.Sequence).StartsAt(ListingReference.FirstNumber);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PaceDbContext).Assembly, t => t.Namespace?.StartsWith("Pace.Data.Ai", StringComparison.Ordinal) != true);
        ModelConventions.Apply(modelBuilder);
    }
}
