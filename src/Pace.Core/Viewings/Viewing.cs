using Pace.Common;

namespace Pace.Viewings;

public enum ViewingStatus
{
    Scheduled,
    Confirmed,
    Completed,
    Cancelled,
    NoShow,
}

/// <summary>An applicant seeing a listing with an agent at a time.</summary>
public sealed class Viewing : Entity, IVersioned
{
    public Guid ListingId { get; set; }

    public Guid ApplicantId { get; set; }

    public Guid AgentId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public ViewingStatus Status { get; set; }

    /// <summary>What the applicant thought, recorded when completed.</summary>
    public string? Feedback { get; set; }

    /// <summary>1–5 interest of the applicant after the viewing.</summary>
    public short? Rating { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>What the agent noted when booking (parking, access, what the applicant wants to see).</summary>
    public string? Notes { get; set; }

    /// <summary>The Google Calendar event on the agent's calendar.</summary>
    public string? CalendarEventId { get; set; }

    public Guid CreatedById { get; set; }

    public uint Version { get; set; }
}
