namespace Pace.Outbox;

public enum OutboxStatus
{
    Pending,
    Processing,
    Sent,
    Failed,
}

/// <summary>
/// A call to a vendor, written in the same transaction as the change that needs it and sent by a worker with
/// retries, so a crash or an outage loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>What to do: <c>propertyfinder.publish</c>, <c>whatsapp.send</c>, <c>calendar.upsert</c>…</summary>
    public required string Topic { get; set; }

    /// <summary>Deduplicates a message enqueued twice (unique).</summary>
    public string? IdempotencyKey { get; set; }

    public required string Payload { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A worker's lease on the message; another replica takes it over after it lapses.</summary>
    public string? LockedBy { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
