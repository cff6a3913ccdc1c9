using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Activities;

/// <summary>
/// The timelines of an applicant and of a listing: everything that happened, newest first, keyset-paginated on
/// (occurred_at, id) over the per-applicant and per-listing indexes, optionally only some kinds.
/// A listing's timeline shows entries about applicants only to those who see the applicant, except to the people
/// who run the listing (its agent, their manager, admins), who see every viewing and offer on it.
/// </summary>
public static class TimelineApi
{
    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/api/v1/applicants/{id:guid}/timeline", ApplicantTimelineAsync).WithName("GetApplicantTimeline").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/api/v1/listings/{id:guid}/timeline", ListingTimelineAsync).WithName("GetListingTimeline").ProducesProblems(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static Task<Results<Ok<TimelinePage>, ValidationProblem, ProblemHttpResult>> ApplicantTimelineAsync(
        Guid id, HttpContext context, PaceDbContext db, string[]? kinds, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        return TimelineAsync(db, kinds, cursor, limit, "applicant", id, async () =>
            await db.Applicants.VisibleTo(actor, db.Users).AnyAsync(a => a.Id == id, cancellationToken)
                ? db.Activities.Where(a => a.ApplicantId == id)
                : null,
            cancellationToken);
    }

    internal static Task<Results<Ok<TimelinePage>, ValidationProblem, ProblemHttpResult>> ListingTimelineAsync(
        Guid id, HttpContext context, PaceDbContext db, string[]? kinds, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        return TimelineAsync(db, kinds, cursor, limit, "listing", id, async () =>
        {
            if (!await db.Listings.VisibleTo(actor, db.Users).AnyAsync(l => l.Id == id, cancellationToken))
            {
                return null;
            }

            var activities = db.Activities.Where(a => a.ListingId == id);
            if (await db.Listings.EditableBy(actor, db.Users).AnyAsync(l => l.Id == id, cancellationToken))
            {
                return activities;
            }

            var applicants = db.Applicants.VisibleTo(actor, db.Users);
            return activities.Where(a => a.ApplicantId == null || applicants.Any(x => x.Id == a.ApplicantId));
        }, cancellationToken);
    }

    /// <summary>Timeline entries as the API answers them, in the order of <paramref name="activities"/>.</summary>
    internal static async Task<List<TimelineItem>> ItemsAsync(PaceDbContext db, IQueryable<Activity> activities, CancellationToken cancellationToken)
    {
        var rows = await (
            from a in activities
            join u in db.Users on a.UserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            select new
            {
                a.Id, a.Kind, a.OccurredAt, a.UserId, UserName = u == null ? null : u.DisplayName, a.Direction, a.Subject, a.Body, a.Data,
                a.DueAt, a.CompletedAt, a.ApplicantId, a.ListingId, a.ViewingId, a.OfferId,
            }).ToListAsync(cancellationToken);
        return rows.Select(r => new TimelineItem(
            r.Id, r.Kind, r.OccurredAt, r.UserId is { } user ? new TimelineUser(user, r.UserName ?? "") : null, r.Direction, r.Subject, r.Body,
            r.Data is null ? null : JsonDocument.Parse(r.Data).RootElement.Clone(), r.DueAt, r.CompletedAt, r.ApplicantId, r.ListingId, r.ViewingId,
            r.OfferId)).ToList();
    }

    /// <summary>
    /// One page of the timeline <paramref name="scope"/> gives for a record the caller sees (null: they do not, or it
    /// does not exist: 404).
    /// </summary>
    private static async Task<Results<Ok<TimelinePage>, ValidationProblem, ProblemHttpResult>> TimelineAsync(
        PaceDbContext db, string[]? kinds, string? cursor, int? limit, string what, Guid id, Func<Task<IQueryable<Activity>?>> scope,
        CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var request = Read(kinds, cursor, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await scope() is { } activities
            ? TypedResults.Ok(await PageAsync(db, activities, request, cancellationToken))
            : ApiProblems.NotFound(what, id);
    }

    private static async Task<TimelinePage> PageAsync(PaceDbContext db, IQueryable<Activity> activities, Query request, CancellationToken cancellationToken)
    {
        activities = activities.AsNoTracking();
        if (request.Kinds is { Count: > 0 } only)
        {
            activities = activities.Where(a => only.Contains(a.Kind));
        }

        if (request.After is { } after)
        {
            activities = activities.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.OccurredAt, a.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var page = activities.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(request.Size + 1);
        var items = (await ItemsAsync(db, page, cancellationToken)).OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).ToList();
        var (list, next) = Paging.Page(items, request.Size, i => new Cursor(i.OccurredAt, i.Id));
        return new TimelinePage(list, next);
    }

    /// <summary><c>kinds</c> as repeated parameters or comma-separated (<c>kinds=call,email</c>), with the page's size and position.</summary>
    private static Query Read(string[]? kinds, string? cursor, int? limit, Dictionary<string, string[]> errors)
    {
        var size = Paging.Limit(limit, errors);
        var after = Paging.After<Cursor>(cursor, errors);
        var parsed = new List<ActivityKind>();
        foreach (var name in (kinds ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (SnakeCaseNaming.TryParse<ActivityKind>(name, out var kind))
            {
                parsed.Add(kind);
            }
            else
            {
                errors["kinds"] = [SnakeCaseNaming.OneOf("kinds", Enum.GetValues<ActivityKind>())];
            }
        }

        return new Query(parsed, after, size);
    }

    private sealed record Query(List<ActivityKind> Kinds, Cursor? After, int Size);

    /// <summary>The position after the last entry of a page: (occurred, id), newest first.</summary>
    private sealed record Cursor(DateTimeOffset At, Guid Id);
}
