using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Web.Api.Idempotency;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Activities;

/// <summary>
/// Logging what happened by hand: notes, calls, emails, WhatsApp messages and SMS on an applicant and/or a listing
/// the caller sees. Reaching out to a New applicant (an outbound call, email or WhatsApp) makes them Contacted.
/// </summary>
public static class ActivitiesApi
{
    public const int MaxSubjectLength = 500;

    public const int MaxBodyLength = 10_000;

    public const int MaxCallSeconds = 24 * 60 * 60;

    /// <summary>What is logged by hand; the rest (viewings, offers, stage changes, tasks) is written by their own modules.</summary>
    public static readonly ActivityKind[] LoggedKinds = [ActivityKind.Note, ActivityKind.Call, ActivityKind.Email, ActivityKind.WhatsApp, ActivityKind.Sms];

    /// <summary>A little slack for clocks that run ahead; anything later is not something that has happened.</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static RouteGroupBuilder MapActivitiesApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapPost("/", LogAsync).WithName("LogActivity").Idempotent().ProducesProblems(StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Results<Created<TimelineItem>, ValidationProblem, ProblemHttpResult>> LogAsync(
        LogActivityRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var now = clock.GetUtcNow();
        var errors = ApiProblems.Errors();
        var knownKind = SnakeCaseNaming.TryParse<ActivityKind>(request.Kind, out var kind) && LoggedKinds.Contains(kind);
        if (!knownKind)
        {
            errors["kind"] = [SnakeCaseNaming.OneOf("kind", LoggedKinds)];
        }

        // What a direction, duration or outcome may be depends on the kind: without one, only the kind is wrong.
        Direction? direction = null;
        if (knownKind && kind == ActivityKind.Note && request.Direction is not null)
        {
            errors["direction"] = ["A note has no direction."];
        }
        else if (knownKind && kind != ActivityKind.Note)
        {
            if (SnakeCaseNaming.TryParse<Direction>(request.Direction, out var parsed))
            {
                direction = parsed;
            }
            else
            {
                errors["direction"] = [SnakeCaseNaming.OneOf("direction", Enum.GetValues<Direction>())];
            }
        }

        var subject = RequestFields.Text(request.Subject, "subject", MaxSubjectLength, errors);
        var body = knownKind && kind == ActivityKind.Note
            ? RequestFields.RequiredText(request.Body, "body", MaxBodyLength, errors)
            : RequestFields.Text(request.Body, "body", MaxBodyLength, errors);
        var occurredAt = RequestFields.Utc(request.OccurredAt) ?? now;
        if (occurredAt > now + FutureTolerance)
        {
            errors["occurredAt"] = ["occurredAt cannot be in the future."];
        }

        var data = knownKind ? ReadCall(kind, request, errors) : null;
        if (request.ApplicantId is null && request.ListingId is null)
        {
            errors["applicantId"] = ["Log it on an applicant (applicantId), a listing (listingId) or both."];
        }

        var applicant = await RequestFields.ReferencedAsync(request.ApplicantId, "applicantId", "applicant", required: false,
            id => db.Applicants.VisibleTo(actor, db.Users).Where(a => a.Id == id).FirstOrDefaultAsync(cancellationToken), errors);
        var listing = await RequestFields.ReferencedAsync(request.ListingId, "listingId", "listing", required: false,
            id => db.Listings.AsNoTracking().VisibleTo(actor, db.Users).Where(l => l.Id == id).Select(l => new { l.Id }).FirstOrDefaultAsync(cancellationToken),
            errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var activity = new Activity
        {
            Kind = kind,
            ApplicantId = applicant?.Id,
            ListingId = listing?.Id,
            UserId = actor.UserId,
            OccurredAt = occurredAt,
            Direction = direction,
            Subject = subject,
            Body = body,
            Data = data,
        };
        db.Activities.Add(activity);
        if (applicant is not null && ApplicantEvents.CountsAsContact(kind, direction))
        {
            if (ApplicantEvents.Advance(applicant, ApplicantStage.Contacted, activity, now) is { } stageChange)
            {
                db.Activities.Add(stageChange);
            }
        }
        else if (applicant is not null)
        {
            ApplicantEvents.Touch(applicant, occurredAt);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("Changed meanwhile", "The applicant changed while this was saved. Try again.");
        }

        var item = (await TimelineApi.ItemsAsync(db, db.Activities.AsNoTracking().Where(a => a.Id == activity.Id), cancellationToken)).Single();
        return TypedResults.Created(
            applicant is not null ? $"/api/v1/applicants/{applicant.Id}/timeline" : $"/api/v1/listings/{listing!.Id}/timeline", item);
    }

    /// <summary>A call's duration and outcome as its timeline data; other kinds take neither.</summary>
    private static string? ReadCall(ActivityKind kind, LogActivityRequest request, Dictionary<string, string[]> errors)
    {
        if (kind != ActivityKind.Call)
        {
            if (request.DurationSeconds is not null)
            {
                errors["durationSeconds"] = ["Only a call has a duration."];
            }

            if (request.Outcome is not null)
            {
                errors["outcome"] = ["Only a call has an outcome."];
            }

            return null;
        }

        if (request.DurationSeconds is < 0 or > MaxCallSeconds)
        {
            errors["durationSeconds"] = [$"durationSeconds is from 0 to {MaxCallSeconds}."];
        }

        CallOutcome? outcome = null;
        if (request.Outcome is not null)
        {
            if (SnakeCaseNaming.TryParse<CallOutcome>(request.Outcome, out var parsed))
            {
                outcome = parsed;
            }
            else
            {
                errors["outcome"] = [SnakeCaseNaming.OneOf("outcome", Enum.GetValues<CallOutcome>())];
            }
        }

        return ActivityData.Of(new
        {
            durationSeconds = request.DurationSeconds,
            outcome = outcome is { } o ? Pace.Common.SnakeCase.Of(o) : null,
        });
    }
}
