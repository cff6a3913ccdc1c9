using Microsoft.EntityFrameworkCore;
using Pace.Ai;
using Pace.Data.Common;

namespace Pace.Data;

/// <summary>AI DB: what pace-ai reads, concludes and remembers.</summary>
public sealed class PaceAiDbContext(DbContextOptions<PaceAiDbContext> options) : DbContext(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<Transcript> Transcripts => Set<Transcript>();

    public DbSet<TranscriptSegment> TranscriptSegments => Set<TranscriptSegment>();

    public DbSet<Analysis> Analyses => Set<Analysis>();

    public DbSet<AgentRun> AgentRuns => Set<AgentRun>();

    public DbSet<AgentStep> AgentSteps => Set<AgentStep>();

    public DbSet<Embedding> Embeddings => Set<Embedding>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PaceAiDbContext).Assembly, t => t.Namespace?.StartsWith("Pace.Data.Ai", StringComparison.Ordinal) == true);
        ModelConventions.Apply(modelBuilder);
    }
}
