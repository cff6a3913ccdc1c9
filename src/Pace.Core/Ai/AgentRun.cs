using Pace.Common;

namespace Pace.Ai;

public enum AgentRunStatus
{
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>One agentic task: a user's request, the steps the model took with tools, and the answer.</summary>
public sealed class AgentRun : Entity
{
    public Guid UserId { get; set; }

    public Guid? ConversationId { get; set; }

    public required string Goal { get; set; }

    public AgentRunStatus Status { get; set; }

    public required string Model { get; set; }

    public string? Answer { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int InputTokens { get; set; }

    public int OutputTokens { get; set; }
}

public enum AgentStepKind
{
    ModelCall,
    ToolCall,
    Message,
}

public sealed class AgentStep
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public int Sequence { get; set; }

    public AgentStepKind Kind { get; set; }

    /// <summary>The MCP tool called (<c>listings.search</c>) for tool steps.</summary>
    public string? ToolName { get; set; }

    /// <summary>JSON of what went in and what came out.</summary>
    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public int DurationMs { get; set; }
}
