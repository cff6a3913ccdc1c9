using Pace.Applicants;
using Pace.Common;

namespace Pace.Activities;

/// <summary>
/// What the events of the day (a first call, a completed viewing, an offer, a closed deal) do to the applicant they
/// concern: move them along the <see cref="StagePipeline"/>, with a StageChange entry on their timeline, and mark
/// when they were last in touch.
/// </summary>
public static class ApplicantEvents
{
    /// <summary>
    /// Reaching out to a person (an outbound call, email or WhatsApp message) makes a New applicant Contacted.
    /// An inbound message does not: the agent has not answered yet.
    /// </summary>
    public static bool CountsAsContact(ActivityKind kind, Direction? direction) =>
        direction == Direction.Outbound && kind is ActivityKind.Call or ActivityKind.Email or ActivityKind.WhatsApp;

    /// <summary>
    /// Because of <paramref name="cause"/> (a completed viewing, an offer, a first call), moves the applicant forward
    /// to <paramref name="stage"/> where they are behind it (never back, never out of Won or Lost) and marks them in
    /// touch at the cause's time. Returns the StageChange entry to add, linked to what the cause is about, or null
    /// when they did not move.
    /// </summary>
    public static Activity? Advance(Applicant applicant, ApplicantStage stage, Activity cause, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var entry = StageChange(applicant, StagePipeline.AdvanceTo(applicant, stage, now), cause, now);
        Touch(applicant, cause.OccurredAt);
        return entry;
    }

    /// <summary>
    /// Like <see cref="Advance"/>, but to <paramref name="stage"/> wherever the applicant is (a completed deal makes
    /// them Won). Not for Lost, which needs a reason an agent gives.
    /// </summary>
    public static Activity? Move(Applicant applicant, ApplicantStage stage, Activity cause, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var entry = StageChange(applicant, StagePipeline.MoveTo(applicant, stage, lostReason: null, now), cause, now);
        Touch(applicant, cause.OccurredAt);
        return entry;
    }

    /// <summary>Records that something happened with the applicant at <paramref name="at"/> (later events only move it forward).</summary>
    public static void Touch(Applicant applicant, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        if (applicant.LastActivityAt is null || applicant.LastActivityAt < at)
        {
            applicant.LastActivityAt = at;
        }
    }

    private static Activity? StageChange(Applicant applicant, ApplicantStage? from, Activity cause, DateTimeOffset now)
    {
        if (from is not { } previous || previous == applicant.Stage)
        {
            return null;
        }

        return new Activity
        {
            Kind = ActivityKind.StageChange,
            ApplicantId = applicant.Id,
            ListingId = cause.ListingId,
            ViewingId = cause.ViewingId,
            OfferId = cause.OfferId,
            UserId = cause.UserId,
            OccurredAt = now,
            Subject = $"Stage: {previous} → {applicant.Stage}",
            Data = ActivityData.Of(new { from = SnakeCase.Of(previous), to = SnakeCase.Of(applicant.Stage) }),
        };
    }
}
