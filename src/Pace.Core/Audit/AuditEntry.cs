namespace Pace.Audit;

/// <summary>Who did what to which record, when and from where. Append-only.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Guid? ActorUserId { get; set; }

    /// <summary>The machine client (pace-ai, pace-mcp, the Salesforce adapter) when it acted for, or without, a user.</summary>
    public string? ActorClient { get; set; }

    /// <summary>Dotted verb: <c>applicant.reassigned</c>, <c>listing.approved</c>, <c>auth.sign_in_refused</c>.</summary>
    public required string Action { get; set; }

    public string? EntityType { get; set; }

    public Guid? EntityId { get; set; }

    /// <summary>JSON with what changed (before/after) or why.</summary>
    public string? Data { get; set; }

    public string? IpAddress { get; set; }

    public string? TraceId { get; set; }
}
