using Pace.Common;

namespace Pace.Ai;

public enum TranscriptStatus
{
    Pending,
    Completed,
    Failed,
}

/// <summary>The text of a recorded call.</summary>
public sealed class Transcript : Entity
{
    /// <summary>The call's activity in Pace DB.</summary>
    public Guid? ActivityId { get; set; }

    public Guid? ConversationId { get; set; }

    public Guid? ApplicantId { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>The telephony vendor's call id (Exotel CallSid).</summary>
    public string? CallExternalId { get; set; }

    public string? RecordingUrl { get; set; }

    public string? Language { get; set; }

    public int? DurationMs { get; set; }

    public TranscriptStatus Status { get; set; }

    public string? Model { get; set; }
}

public sealed class TranscriptSegment
{
    public long Id { get; set; }

    public Guid TranscriptId { get; set; }

    public int Sequence { get; set; }

    /// <summary><c>agent</c>, <c>contact</c>, or the diariser's label.</summary>
    public required string Speaker { get; set; }

    public int StartMs { get; set; }

    public int EndMs { get; set; }

    public required string Text { get; set; }

    public float? Confidence { get; set; }
}
