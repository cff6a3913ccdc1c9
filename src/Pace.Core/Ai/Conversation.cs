using Pace.Common;

namespace Pace.Ai;

public enum ConversationChannel
{
    WhatsApp,
    Email,
    Call,
    Sms,
    Chat,
}

/// <summary>A thread of messages with one person on one channel, as pace-ai reads it.</summary>
public sealed class Conversation : Entity
{
    public ConversationChannel Channel { get; set; }

    /// <summary>The applicant in Pace DB (no foreign key across databases).</summary>
    public Guid? ApplicantId { get; set; }

    /// <summary>The member of staff in Pace DB; for the assistant chat, the user who asked.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The vendor's thread id (WhatsApp number pair, Gmail thread id).</summary>
    public string? ExternalId { get; set; }

    public string? Subject { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastMessageAt { get; set; }
}

public enum MessageRole
{
    Contact,
    Agent,
    Assistant,
    System,
    Tool,
}

public sealed class Message : Entity
{
    public Guid ConversationId { get; set; }

    public MessageRole Role { get; set; }

    public string? Author { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>JSON: attachments, template name, delivery status.</summary>
    public string? Metadata { get; set; }
}
