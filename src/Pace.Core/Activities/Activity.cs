using Pace.Common;

namespace Pace.Activities;

public enum ActivityKind
{
    Note,
    Call,
    Email,
    WhatsApp,
    Sms,
    Viewing,
    StageChange,
    Task,
    Offer,
    Assignment,
    System,
}

public enum Direction
{
    Inbound,
    Outbound,
}

/// <summary>
/// One entry of the timeline: a note, a call, an email, a WhatsApp message, a viewing, a stage change, a task.
/// What is particular to a kind (call duration, stages, message ids) is in <see cref="Data"/>.
/// </summary>
public sealed class Activity : Entity, IVersioned
{
    public ActivityKind Kind { get; set; }

    public Guid? ApplicantId { get; set; }

    public Guid? ListingId { get; set; }

    public Guid? ViewingId { get; set; }

    public Guid? OfferId { get; set; }

    /// <summary>The member of staff who did it (null for the system or an inbound message).</summary>
    public Guid? UserId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Direction? Direction { get; set; }

    public string? Subject { get; set; }

    public string? Body { get; set; }

    /// <summary>Kind-specific JSON (call duration and recording, from/to stage, message status…).</summary>
    public string? Data { get; set; }

    /// <summary>Tasks: when it is due and when it was done. A task's <see cref="UserId"/> is the person it is assigned to.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Tasks: when to remind the assignee, and when the reminder went out (null until it has).</summary>
    public DateTimeOffset? RemindAt { get; set; }

    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>The vendor's id (call sid, message id), unique per kind so a redelivered webhook adds nothing.</summary>
    public string? ExternalId { get; set; }

    public uint Version { get; set; }
}
