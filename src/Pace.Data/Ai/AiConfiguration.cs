using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Ai;
using Pace.Data.Common;

namespace Pace.Data.Ai;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.IsEntity("conversations");
        builder.Property(c => c.ExternalId).HasMaxLength(200);
        builder.Property(c => c.Subject).HasMaxLength(500);
        builder.HasIndex(c => new { c.ApplicantId, c.LastMessageAt }).IsDescending(false, true);
        builder.HasIndex(c => new { c.UserId, c.LastMessageAt }).IsDescending(false, true);
        builder.HasIndex(c => new { c.Channel, c.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.IsEntity("messages");
        builder.Property(m => m.Author).HasMaxLength(200);
        builder.Property(m => m.ExternalId).HasMaxLength(200);
        builder.Property(m => m.Metadata).HasColumnType("jsonb");
        builder.HasIndex(m => new { m.ConversationId, m.SentAt });
        builder.HasIndex(m => new { m.ConversationId, m.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TranscriptConfiguration : IEntityTypeConfiguration<Transcript>
{
    public void Configure(EntityTypeBuilder<Transcript> builder)
    {
        builder.IsEntity("transcripts");
        builder.Property(t => t.CallExternalId).HasMaxLength(200);
        builder.Property(t => t.RecordingUrl).HasMaxLength(2000);
        builder.Property(t => t.Language).HasMaxLength(16);
        builder.Property(t => t.Model).HasMaxLength(100);
        builder.HasIndex(t => t.ActivityId);
        builder.HasIndex(t => t.ApplicantId);
        builder.HasIndex(t => t.CallExternalId).IsUnique().HasFilter("call_external_id IS NOT NULL");
        builder.HasOne<Conversation>().WithMany().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TranscriptSegmentConfiguration : IEntityTypeConfiguration<TranscriptSegment>
{
    public void Configure(EntityTypeBuilder<TranscriptSegment> builder)
    {
        builder.ToTable("transcript_segments");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.Property(s => s.Speaker).HasMaxLength(50);
        builder.HasIndex(s => new { s.TranscriptId, s.Sequence }).IsUnique();
        builder.HasOne<Transcript>().WithMany().HasForeignKey(s => s.TranscriptId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_transcript_segments_period", "end_ms >= start_ms"));
    }
}

internal sealed class AnalysisConfiguration : IEntityTypeConfiguration<Analysis>
{
    public void Configure(EntityTypeBuilder<Analysis> builder)
    {
        builder.IsEntity("analyses");
        builder.Property(a => a.Kind).HasMaxLength(50);
        builder.Property(a => a.Model).HasMaxLength(100);
        builder.Property(a => a.Result).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.SubjectType, a.SubjectId, a.Kind, a.CreatedAt }).IsDescending(false, false, false, true);
    }
}

internal sealed class AgentRunConfiguration : IEntityTypeConfiguration<AgentRun>
{
    public void Configure(EntityTypeBuilder<AgentRun> builder)
    {
        builder.IsEntity("agent_runs");
        builder.Property(r => r.Model).HasMaxLength(100);
        builder.HasIndex(r => new { r.UserId, r.StartedAt }).IsDescending(false, true);
        builder.HasIndex(r => r.StartedAt).HasFilter("status = 'running'").HasDatabaseName("ix_agent_runs_running");
        builder.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AgentStepConfiguration : IEntityTypeConfiguration<AgentStep>
{
    public void Configure(EntityTypeBuilder<AgentStep> builder)
    {
        builder.ToTable("agent_steps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.Property(s => s.ToolName).HasMaxLength(100);
        builder.Property(s => s.Input).HasColumnType("jsonb");
        builder.Property(s => s.Output).HasColumnType("jsonb");
        builder.HasIndex(s => new { s.RunId, s.Sequence }).IsUnique();
        builder.HasOne<AgentRun>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmbeddingConfiguration : IEntityTypeConfiguration<Embedding>
{
    public void Configure(EntityTypeBuilder<Embedding> builder)
    {
        builder.IsEntity("embeddings");
        builder.Property(e => e.SourceType).HasMaxLength(50);
        builder.Property(e => e.Model).HasMaxLength(100);
        builder.Property(e => e.ContentHash).HasMaxLength(64);
        builder.Property(e => e.Vector).HasColumnType("real[]");
        builder.HasIndex(e => new { e.SourceType, e.SourceId, e.Model, e.Chunk }).IsUnique();
        builder.HasIndex(e => new { e.Model, e.SourceType });
        builder.ToTable(t => t.HasCheckConstraint("ck_embeddings_dimensions", "cardinality(vector) = dimensions"));
    }
}
