using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pace.Activities;

namespace Pace.Web.Activities;

public sealed record TimelineUser(Guid Id, string Name);

/// <summary>
/// One entry of a timeline. <see cref="Data"/> is the kind's own JSON object (a call's duration and outcome, a
/// stage change's from and to, an offer's amount…); tasks carry their due and done times.
/// </summary>
public sealed record TimelineItem(
    Guid Id, ActivityKind Kind, DateTimeOffset OccurredAt, TimelineUser? User, Direction? Direction, string? Subject, string? Body,
    JsonElement? Data, DateTimeOffset? DueAt, DateTimeOffset? CompletedAt, Guid? ApplicantId, Guid? ListingId, Guid? ViewingId, Guid? OfferId);

public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, string? NextCursor);

/// <summary>
/// A note, call, email, WhatsApp message or SMS logged by hand on an applicant and/or a listing. Calls may carry
/// their duration and outcome; <c>occurredAt</c> defaults to now. A note needs a <c>body</c>; every other kind a
/// <c>direction</c>.
/// </summary>
public sealed record LogActivityRequest(
    [Required] string? Kind, Guid? ApplicantId, Guid? ListingId, string? Direction, string? Subject, string? Body, DateTimeOffset? OccurredAt,
    int? DurationSeconds, string? Outcome);

public sealed record TaskInfo(
    Guid Id, string Title, string? Notes, Guid? ApplicantId, Guid? ListingId, Guid AssigneeId, string AssigneeName, TaskPriority Priority,
    Guid? CreatedById, DateTimeOffset DueAt, DateTimeOffset? RemindAt, DateTimeOffset? RemindedAt, DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record TaskPage(IReadOnlyList<TaskInfo> Items, string? NextCursor);

/// <summary>A task; the assignee defaults to the caller (a manager may assign a team member, an admin anyone).</summary>
public sealed record CreateTaskRequest(
    [Required] string? Title, string? Notes, Guid? ApplicantId, Guid? ListingId, [Required] DateTimeOffset? DueAt, DateTimeOffset? RemindAt, Guid? AssigneeId,
    string? Priority);

/// <summary>A partial update: an absent field is left alone; <c>notes</c> and <c>remindAt</c>: null clears them.</summary>
public sealed class UpdateTaskRequest
{
    public string? Title { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public Guid? AssigneeId { get; set; }

    public string? Priority { get; set; }

    public string? Notes
    {
        get;
        set
        {
            field = value;
            HasNotes = true;
        }
    }

    public DateTimeOffset? RemindAt
    {
        get;
        set
        {
            field = value;
            HasRemindAt = true;
        }
    }

    [JsonIgnore]
    public bool HasNotes { get; private set; }

    [JsonIgnore]
    public bool HasRemindAt { get; private set; }
}
