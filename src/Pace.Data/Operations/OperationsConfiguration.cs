using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Audit;
using Pace.Outbox;
using Pace.Settings;
using Pace.Webhooks;

namespace Pace.Data.Operations;

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> builder)
    {
        builder.ToTable("settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasColumnType("jsonb");
        builder.HasOne<Pace.Identity.User>().WithMany().HasForeignKey(s => s.UpdatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.ActorClient).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.EntityType).HasMaxLength(50);
        builder.Property(a => a.Data).HasColumnType("jsonb");
        builder.Property(a => a.IpAddress).HasMaxLength(45);
        builder.Property(a => a.TraceId).HasMaxLength(32);
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.OccurredAt });
        builder.HasIndex(a => new { a.ActorUserId, a.OccurredAt });
        builder.HasIndex(a => new { a.Action, a.OccurredAt });
        builder.HasIndex(a => a.OccurredAt);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.Topic).HasMaxLength(100);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200);
        builder.Property(m => m.Payload).HasColumnType("jsonb");
        builder.Property(m => m.LockedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(4000);
        // What the workers poll: due messages only, so the index stays small however much was sent.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status IN ('pending', 'processing')").HasDatabaseName("ix_outbox_messages_due");
        builder.HasIndex(m => m.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        builder.HasIndex(m => new { m.Topic, m.CreatedAt });
    }
}

internal sealed class InboundWebhookConfiguration : IEntityTypeConfiguration<InboundWebhook>
{
    public void Configure(EntityTypeBuilder<InboundWebhook> builder)
    {
        builder.ToTable("inbound_webhooks");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).UseIdentityAlwaysColumn();
        builder.Property(w => w.Source).HasMaxLength(50);
        builder.Property(w => w.ExternalId).HasMaxLength(200);
        builder.Property(w => w.EventType).HasMaxLength(100);
        builder.Property(w => w.Headers).HasColumnType("jsonb");
        builder.Property(w => w.Error).HasMaxLength(4000);
        builder.HasIndex(w => new { w.Source, w.ExternalId }).IsUnique();
        builder.HasIndex(w => w.ReceivedAt).HasFilter("status IN ('received', 'failed')").HasDatabaseName("ix_inbound_webhooks_unprocessed");
    }
}
