using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Pace.Viewings;

namespace Pace.Web.Viewings;

/// <summary>A viewing with the names a calendar shows (times are UTC; the UI shows them in Dubai time).</summary>
public sealed record ViewingInfo(
    Guid Id, Guid ListingId, string ListingReference, Guid ApplicantId, string ApplicantName, Guid AgentId, string AgentName,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, ViewingStatus Status, string? Notes, string? Feedback, short? Rating,
    string? CancelReason, string? CalendarEventId, Guid CreatedById, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Something worth knowing about a booking that does not stop it (another viewing of the listing at that time).</summary>
public sealed record ViewingWarning(string Code, string Message, Guid ViewingId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>A viewing as booked or rescheduled, with the warnings about its time.</summary>
public sealed record ViewingBooked(ViewingInfo Viewing, IReadOnlyList<ViewingWarning> Warnings);

public sealed record ViewingPage(IReadOnlyList<ViewingInfo> Items, string? NextCursor);

/// <summary>A booking: <c>endsAt</c> or <c>durationMinutes</c> (default 30); the agent defaults to the caller.</summary>
public sealed record CreateViewingRequest(
    [Required] Guid? ListingId, [Required] Guid? ApplicantId, Guid? AgentId, [Required] DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? DurationMinutes, string? Notes);

/// <summary>
/// A reschedule: an absent field is left alone. A new <c>startsAt</c> alone keeps the viewing's length;
/// <c>notes</c>: null clears them.
/// </summary>
public sealed class RescheduleViewingRequest
{
    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public int? DurationMinutes { get; set; }

    /// <summary>Hands the viewing to another agent (whose calendar must be free).</summary>
    public Guid? AgentId { get; set; }

    public string? Notes
    {
        get;
        set
        {
            field = value;
            HasNotes = true;
        }
    }

    [JsonIgnore]
    public bool HasNotes { get; private set; }
}

public sealed record CompleteViewingRequest(string? Feedback, int? Rating);

public sealed record CancelViewingRequest(string? Reason);
