using System.Text.Json;
using Pace.Applicants;
using Pace.Common;

namespace Pace.Activities;

/// <summary>
/// The timeline entries events write about an applicant, in one shape whoever writes them (the API, a viewing
/// being completed, a lead being routed), so the timeline and the stage history read them the same way.
/// </summary>
public static class TimelineEntries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The snake_case code of a stage, as stored and as the API names it.</summary>
    public static string StageCode(ApplicantStage stage) => SnakeCase.Of(stage.ToString());

    /// <summary>The applicant moved from <paramref name="from"/> to <paramref name="to"/>; <paramref name="why"/> says what moved them.</summary>
    public static Activity StageChange(Guid applicantId, ApplicantStage from, ApplicantStage to, Guid? userId, DateTimeOffset at, string? reason = null, string? why = null) => new()
    {
        Kind = ActivityKind.StageChange,
        ApplicantId = applicantId,
        UserId = userId,
        OccurredAt = at,
        Subject = $"Stage: {Title(from)} → {Title(to)}",
        Body = why,
        Data = JsonSerializer.Serialize(
            reason is null ? new { from = StageCode(from), to = StageCode(to) } : (object)new { from = StageCode(from), to = StageCode(to), reason },
            Json),
    };

    /// <summary>The applicant was given to an agent, by a rule or by a person.</summary>
    public static Activity Assignment(Guid applicantId, Guid agentId, string agentName, string rule, Guid? userId, DateTimeOffset at) => new()
    {
        Kind = ActivityKind.Assignment,
        ApplicantId = applicantId,
        UserId = userId,
        OccurredAt = at,
        Subject = "Assigned",
        Body = $"Assigned to {agentName}.",
        Data = JsonSerializer.Serialize(new { agentId, rule }, Json),
    };

    /// <summary>The applicant is not interested in a listing: it no longer appears in their matches.</summary>
    public static Activity NotInterested(Guid applicantId, Guid listingId, string listingReference, string? reason, Guid? userId, DateTimeOffset at) => new()
    {
        Kind = ActivityKind.System,
        ApplicantId = applicantId,
        ListingId = listingId,
        UserId = userId,
        OccurredAt = at,
        Subject = $"Not interested in {listingReference}",
        Body = reason,
        Data = JsonSerializer.Serialize(new { matching = "not_interested", listingId }, Json),
    };

    /// <summary>The not-interested mark of a listing was taken back: it can appear in the applicant's matches again.</summary>
    public static Activity InterestRestored(Guid applicantId, Guid listingId, string listingReference, Guid? userId, DateTimeOffset at) => new()
    {
        Kind = ActivityKind.System,
        ApplicantId = applicantId,
        ListingId = listingId,
        UserId = userId,
        OccurredAt = at,
        Subject = $"Interested again in {listingReference}",
        Data = JsonSerializer.Serialize(new { matching = "interest_restored", listingId }, Json),
    };

    private static string Title(ApplicantStage stage) => stage.ToString();
}
