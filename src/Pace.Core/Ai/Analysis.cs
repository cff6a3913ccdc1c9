using Pace.Common;

namespace Pace.Ai;

public enum AnalysisSubject
{
    Conversation,
    Transcript,
    Applicant,
    Listing,
}

/// <summary>What a model concluded about a conversation, a call or a record: summary, sentiment, next best step…</summary>
public sealed class Analysis : Entity
{
    public AnalysisSubject SubjectType { get; set; }

    public Guid SubjectId { get; set; }

    /// <summary><c>summary</c>, <c>sentiment</c>, <c>next_best_step</c>, <c>requirements</c>…</summary>
    public required string Kind { get; set; }

    public required string Model { get; set; }

    /// <summary>The structured result as JSON.</summary>
    public required string Result { get; set; }

    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    public int? DurationMs { get; set; }
}
