using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Identity;
using Pace.Listings;
using Pace.Viewings;
using Pace.Web.Api.Idempotency;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Viewings;

/// <summary>
/// Viewings: booking, the agent's calendar, rescheduling, and the way each ends. A viewing is acted on by its agent,
/// the agent's manager and admins (<see cref="WorkVisibility"/>); to anyone else it does not exist. An agent is
/// never double-booked: every change that gives a viewing an agent's time takes that agent's advisory lock and
/// then looks for a clash, so two bookings racing for the same slot are checked one after the other.
/// </summary>
public static class ViewingsApi
{
    public const int DefaultDurationMinutes = 30;

    public const int MinDurationMinutes = 5;

    public const int MaxDurationMinutes = 8 * 60;

    public const int MaxCalendarDays = 62;

    public const int MaxNotesLength = 2000;

    public const int MaxFeedbackLength = 4000;

    public const int MaxReasonLength = 500;

    /// <summary>Listings that are off the market take no more viewings.</summary>
    private static readonly ListingStatus[] ClosedListingStatuses =
        [ListingStatus.Sold, ListingStatus.Rented, ListingStatus.Withdrawn, ListingStatus.Expired];

    public static RouteGroupBuilder MapViewingsApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/", ListAsync).WithName("ListViewings").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetViewing").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateViewing").Idempotent().ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{id:guid}", RescheduleAsync).WithName("RescheduleViewing").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id:guid}/confirm", ConfirmAsync).WithName("ConfirmViewing").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompleteViewing").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/no-show", NoShowAsync).WithName("MarkViewingNoShow").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelViewing").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>
    /// An agent's calendar: the viewings starting in [from, to) (default: the next 7 days from today's Dubai
    /// midnight, at most 62 days), by start time. The agent defaults to the caller; a manager may open a team
    /// member's, an admin anyone's.
    /// </summary>
    internal static async Task<Results<Ok<ViewingPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext context, PaceDbContext db, TimeProvider clock, Guid? agentId, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var errors = ApiProblems.Errors();
        var size = Paging.Limit(limit, errors);
        var after = Paging.After<Cursor>(cursor, errors);
        var start = (from ?? DubaiTime.DayOf(clock.GetUtcNow()).Start).ToUniversalTime();
        var end = (to ?? start.AddDays(7)).ToUniversalTime();
        if (end <= start)
        {
            errors["to"] = ["to must be after from."];
        }
        else if (end - start > TimeSpan.FromDays(MaxCalendarDays))
        {
            errors["to"] = [$"A calendar spans at most {MaxCalendarDays} days."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var agent = agentId ?? actor.UserId ?? Guid.Empty;
        if (!await db.Users.ActedForBy(actor).AnyAsync(id => id == agent, cancellationToken))
        {
            return ApiProblems.NotFound("agent", agent);
        }

        var query = db.Viewings.AsNoTracking().Where(v => v.AgentId == agent && v.StartsAt >= start && v.StartsAt < end);
        if (after is not null)
        {
            query = query.Where(v => EF.Functions.GreaterThan(ValueTuple.Create(v.StartsAt, v.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await Rows(db, query.OrderBy(v => v.StartsAt).ThenBy(v => v.Id).Take(size + 1)).ToListAsync(cancellationToken);
        var ordered = rows.Select(r => r.Info).OrderBy(v => v.StartsAt).ThenBy(v => v.Id).ToList();
        var (items, next) = Paging.Page(ordered, size, v => new Cursor(v.StartsAt, v.Id));
        return TypedResults.Ok(new ViewingPage(items, next));
    }

    internal static async Task<Results<Ok<ViewingInfo>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, db.Viewings.VisibleTo(context.User.ToActor(), db.Users), id, cancellationToken);
        if (row is null)
        {
            return ApiProblems.NotFound("viewing", id);
        }

        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Ok(row.Info);
    }

    internal static async Task<Results<Created<ViewingBooked>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateViewingRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var errors = ApiProblems.Errors();
        var period = ReadPeriod(request.StartsAt, request.EndsAt, request.DurationMinutes, current: null, errors);
        var notes = RequestFields.Text(request.Notes, "notes", MaxNotesLength, errors);
        var listing = await RequestFields.ReferencedAsync(request.ListingId, "listingId", "listing", required: true,
            id => db.Listings.AsNoTracking().VisibleTo(actor, db.Users).Where(l => l.Id == id).Select(l => new { l.Reference, l.Status })
                .FirstOrDefaultAsync(cancellationToken), errors);
        var applicant = await RequestFields.ReferencedAsync(request.ApplicantId, "applicantId", "applicant", required: true,
            id => db.Applicants.AsNoTracking().VisibleTo(actor, db.Users).Where(a => a.Id == id).Select(a => new { a.Id })
                .FirstOrDefaultAsync(cancellationToken), errors);
        var agentId = request.AgentId ?? actor.UserId ?? Guid.Empty;
        await CheckAgentAsync(db, actor, agentId, errors, cancellationToken);
        if (errors.Count > 0 || listing is null || applicant is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (ClosedListingStatuses.Contains(listing.Status))
        {
            return ApiProblems.Refused("Listing off the market",
                $"{listing.Reference} is {SnakeCase.Of(listing.Status).Replace('_', ' ')}: it takes no more viewings.");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAgentAsync(db, agentId, cancellationToken);
        if (await ClashAsync(db, agentId, period, except: null, cancellationToken) is { } clash)
        {
            return DoubleBooked(clash);
        }

        var viewing = new Viewing
        {
            ListingId = request.ListingId!.Value,
            ApplicantId = applicant.Id,
            AgentId = agentId,
            StartsAt = period.StartsAt,
            EndsAt = period.EndsAt,
            Status = ViewingStatus.Scheduled,
            Notes = notes,
            CreatedById = actor.UserId!.Value,
        };
        db.Viewings.Add(viewing);
        db.Activities.Add(Entry(viewing, actor.UserId, now, $"Viewing booked: {listing.Reference}",
            $"{DubaiTime.FormatDateTime(viewing.StartsAt)} (Dubai time)." + (notes is null ? "" : $" {notes}"),
            new { status = SnakeCase.Of(viewing.Status), startsAt = viewing.StartsAt }));
        var warnings = await WarningsAsync(db, viewing, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var row = (await FindAsync(db, db.Viewings, viewing.Id, cancellationToken))!;
        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Created($"/api/v1/viewings/{viewing.Id}", new ViewingBooked(row.Info, warnings));
    }

    /// <summary>Moves an open viewing to another time (or agent), under the same double-booking rule as a booking.</summary>
    internal static async Task<Results<Ok<ViewingBooked>, ValidationProblem, ProblemHttpResult>> RescheduleAsync(
        Guid id, RescheduleViewingRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var viewing = await db.Viewings.VisibleTo(actor, db.Users).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (viewing is null)
        {
            return ApiProblems.NotFound("viewing", id);
        }

        if (EntityTags.Check(context.Request, viewing.Version) is not EntityTags.Precondition.Met and var precondition)
        {
            return EntityTags.Result(precondition);
        }

        if (ViewingLifecycle.RescheduleRefusal(viewing) is { } refusal)
        {
            return ApiProblems.Refused("Viewing cannot be rescheduled", refusal);
        }

        var errors = ApiProblems.Errors();
        var period = ReadPeriod(request.StartsAt, request.EndsAt, request.DurationMinutes, viewing, errors);
        var notes = request.HasNotes ? RequestFields.Text(request.Notes, "notes", MaxNotesLength, errors) : viewing.Notes;
        var agentId = request.AgentId ?? viewing.AgentId;
        if (agentId != viewing.AgentId)
        {
            await CheckAgentAsync(db, actor, agentId, errors, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        await LockAgentAsync(db, agentId, cancellationToken);
        if (await ClashAsync(db, agentId, period, except: viewing.Id, cancellationToken) is { } clash)
        {
            return DoubleBooked(clash);
        }

        var moved = period.StartsAt != viewing.StartsAt || period.EndsAt != viewing.EndsAt || agentId != viewing.AgentId;
        var previousStart = viewing.StartsAt;
        ViewingLifecycle.Reschedule(viewing, period.StartsAt, period.EndsAt);
        viewing.AgentId = agentId;
        viewing.Notes = notes;
        if (moved)
        {
            var reference = await ReferenceOfAsync(db, viewing.ListingId, cancellationToken);
            db.Activities.Add(Entry(viewing, actor.UserId, now, $"Viewing rescheduled: {reference}",
                $"Moved from {DubaiTime.FormatDateTime(previousStart)} to {DubaiTime.FormatDateTime(viewing.StartsAt)} (Dubai time).",
                new { status = SnakeCase.Of(viewing.Status), startsAt = viewing.StartsAt, previousStartsAt = previousStart, agentId }));
        }

        var warnings = await WarningsAsync(db, viewing, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        var row = (await FindAsync(db, db.Viewings, viewing.Id, cancellationToken))!;
        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Ok(new ViewingBooked(row.Info, warnings));
    }

    internal static Task<Results<Ok<ViewingInfo>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        MoveAsync(id, ViewingStatus.Confirmed, "Viewing confirmed", context, db, clock, (_, _) => (null, new { status = "confirmed" }), cancellationToken);

    /// <summary>
    /// The viewing happened: feedback and a 1–5 rating of the applicant's interest. The applicant moves forward to
    /// the Viewing stage where they are behind it (never back).
    /// </summary>
    internal static async Task<Results<Ok<ViewingInfo>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        Guid id, CompleteViewingRequest? request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var feedback = RequestFields.Text(request?.Feedback, "feedback", MaxFeedbackLength, errors);
        if (request?.Rating is < 1 or > 5)
        {
            errors["rating"] = ["rating is from 1 (not interested) to 5 (very interested)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rating = (short?)request?.Rating;
        return await MoveAsync(id, ViewingStatus.Completed, "Viewing completed", context, db, clock, (viewing, _) =>
        {
            viewing.Feedback = feedback;
            viewing.Rating = rating;
            return (feedback, new { status = "completed", rating });
        }, cancellationToken);
    }

    internal static Task<Results<Ok<ViewingInfo>, ValidationProblem, ProblemHttpResult>> NoShowAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        MoveAsync(id, ViewingStatus.NoShow, "No show", context, db, clock,
            (_, _) => ("The applicant did not turn up.", new { status = "no_show" }), cancellationToken);

    internal static async Task<Results<Ok<ViewingInfo>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        Guid id, CancelViewingRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var reason = RequestFields.RequiredText(request.Reason, "reason", MaxReasonLength, errors);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await MoveAsync(id, ViewingStatus.Cancelled, "Viewing cancelled", context, db, clock, (viewing, _) =>
        {
            viewing.CancelReason = reason;
            return (reason, new { status = "cancelled" });
        }, cancellationToken);
    }

    /// <summary>
    /// One status change of a visible viewing, refused (422) where the life cycle does not allow it; an If-Match,
    /// when sent, must match. <paramref name="apply"/> sets what the change carries and returns the timeline entry's
    /// body and data.
    /// </summary>
    private static async Task<Results<Ok<ViewingInfo>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid id, ViewingStatus to, string outcome, HttpContext context, PaceDbContext db, TimeProvider clock,
        Func<Viewing, DateTimeOffset, (string? Body, object Data)> apply, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var now = clock.GetUtcNow();
        var viewing = await db.Viewings.VisibleTo(actor, db.Users).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (viewing is null)
        {
            return ApiProblems.NotFound("viewing", id);
        }

        if (EntityTags.Check(context.Request, viewing.Version) == EntityTags.Precondition.Failed)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        if (ViewingLifecycle.Refusal(viewing, to, now) is { } refusal)
        {
            return ApiProblems.Refused("Status change refused", refusal);
        }

        ViewingLifecycle.Move(viewing, to, now);
        var (body, data) = apply(viewing, now);
        var reference = await ReferenceOfAsync(db, viewing.ListingId, cancellationToken);
        var entry = Entry(viewing, actor.UserId, now, $"{outcome}: {reference}", body, data);
        db.Activities.Add(entry);
        if (to == ViewingStatus.Completed)
        {
            var applicant = await db.Applicants.SingleAsync(a => a.Id == viewing.ApplicantId, cancellationToken);
            if (ApplicantEvents.Advance(applicant, ApplicantStage.Viewing, entry, now) is { } stageChange)
            {
                db.Activities.Add(stageChange);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("Changed meanwhile", "The viewing or its applicant changed while this was saved. Read the viewing again and retry.");
        }

        var row = (await FindAsync(db, db.Viewings, viewing.Id, cancellationToken))!;
        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Ok(row.Info);
    }

    /// <summary>
    /// Takes the agent's advisory lock until the transaction ends. Every writer of an agent's viewing times takes it
    /// before looking for a clash, so the check and the write are one step for that agent.
    /// </summary>
    private static async Task LockAgentAsync(PaceDbContext db, Guid agentId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"viewing-agent:" + agentId}, 0))", cancellationToken);

    private static Task<Clash?> ClashAsync(PaceDbContext db, Guid agentId, Period period, Guid? except, CancellationToken cancellationToken) =>
        db.Viewings.AsNoTracking()
            .Where(v => v.AgentId == agentId && v.Id != except)
            .Where(ViewingLifecycle.OpenDuring(period.StartsAt, period.EndsAt))
            .OrderBy(v => v.StartsAt)
            .Select(v => new Clash(v.Id, v.StartsAt, v.EndsAt))
            .FirstOrDefaultAsync(cancellationToken);

    private static ProblemHttpResult DoubleBooked(Clash clash) => ApiProblems.Conflict(
        "Agent double-booked",
        $"The agent already has viewing {clash.Id} from {DubaiTime.FormatDateTime(clash.StartsAt)} to {DubaiTime.FormatDateTime(clash.EndsAt)} (Dubai time).",
        new Dictionary<string, object?>
        {
            ["clashingViewingId"] = clash.Id,
            ["clashStartsAt"] = clash.StartsAt,
            ["clashEndsAt"] = clash.EndsAt,
        });

    /// <summary>Other open viewings of the same listing at an overlapping time: allowed, but worth knowing.</summary>
    private static async Task<IReadOnlyList<ViewingWarning>> WarningsAsync(PaceDbContext db, Viewing viewing, CancellationToken cancellationToken)
    {
        var others = await db.Viewings.AsNoTracking()
            .Where(v => v.ListingId == viewing.ListingId && v.Id != viewing.Id)
            .Where(ViewingLifecycle.OpenDuring(viewing.StartsAt, viewing.EndsAt))
            .OrderBy(v => v.StartsAt).ThenBy(v => v.Id)
            .Select(v => new Clash(v.Id, v.StartsAt, v.EndsAt))
            .Take(20)
            .ToListAsync(cancellationToken);
        return others.Select(o => new ViewingWarning(
            "listing_viewing_overlaps",
            $"Another viewing of this listing ({o.Id}) runs from {DubaiTime.FormatDateTime(o.StartsAt)} to {DubaiTime.FormatDateTime(o.EndsAt)} (Dubai time).",
            o.Id, o.StartsAt, o.EndsAt)).ToList();
    }

    /// <summary>An agent the caller may book for: themselves, a manager's team member, anyone for an admin; active.</summary>
    private static async Task CheckAgentAsync(PaceDbContext db, Actor actor, Guid agentId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!await db.Users.Where(u => u.IsActive).ActedForBy(actor).AnyAsync(id => id == agentId, cancellationToken))
        {
            errors["agentId"] = [$"There is no active agent {agentId} you may book viewings for."];
        }
    }

    /// <summary>
    /// The period asked for: <c>startsAt</c> (or the current one), then <c>endsAt</c>, or <c>durationMinutes</c>,
    /// or (rescheduling) the viewing's current length, or 30 minutes.
    /// </summary>
    private static Period ReadPeriod(
        DateTimeOffset? startsAt, DateTimeOffset? endsAt, int? durationMinutes, Viewing? current, Dictionary<string, string[]> errors)
    {
        var start = startsAt?.ToUniversalTime() ?? current?.StartsAt;
        if (start is null)
        {
            errors["startsAt"] = ["startsAt is required."];
            return default;
        }

        if (endsAt is not null && durationMinutes is not null)
        {
            errors["durationMinutes"] = ["Give endsAt or durationMinutes, not both."];
            return default;
        }

        if (durationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
        {
            errors["durationMinutes"] = [$"durationMinutes is from {MinDurationMinutes} to {MaxDurationMinutes}."];
            return default;
        }

        var end = endsAt?.ToUniversalTime()
            ?? (durationMinutes is { } minutes ? start.Value.AddMinutes(minutes) : (DateTimeOffset?)null)
            ?? (current is not null ? start.Value + (current.EndsAt - current.StartsAt) : start.Value.AddMinutes(DefaultDurationMinutes));
        var length = end - start.Value;
        if (length < TimeSpan.FromMinutes(MinDurationMinutes) || length > TimeSpan.FromMinutes(MaxDurationMinutes))
        {
            errors["endsAt"] = [$"A viewing ends {MinDurationMinutes} minutes to {MaxDurationMinutes / 60} hours after it starts."];
        }

        return new Period(start.Value, end);
    }

    private static Task<string> ReferenceOfAsync(PaceDbContext db, Guid listingId, CancellationToken cancellationToken) =>
        db.Listings.Where(l => l.Id == listingId).Select(l => l.Reference).SingleAsync(cancellationToken);

    private static Activity Entry(Viewing viewing, Guid? userId, DateTimeOffset now, string subject, string? body, object data) => new()
    {
        Kind = ActivityKind.Viewing,
        ApplicantId = viewing.ApplicantId,
        ListingId = viewing.ListingId,
        ViewingId = viewing.Id,
        UserId = userId,
        OccurredAt = now,
        Subject = subject,
        Body = body,
        Data = ActivityData.Of(data),
    };

    private static Task<Row?> FindAsync(PaceDbContext db, IQueryable<Viewing> viewings, Guid id, CancellationToken cancellationToken) =>
        Rows(db, viewings.AsNoTracking().Where(v => v.Id == id)).FirstOrDefaultAsync(cancellationToken);

    private static IQueryable<Row> Rows(PaceDbContext db, IQueryable<Viewing> viewings) =>
        from v in viewings
        join l in db.Listings on v.ListingId equals l.Id
        join a in db.Applicants on v.ApplicantId equals a.Id
        join u in db.Users on v.AgentId equals u.Id
        select new Row(
            new ViewingInfo(
                v.Id, v.ListingId, l.Reference, v.ApplicantId, a.FullName, v.AgentId, u.DisplayName, v.StartsAt, v.EndsAt, v.Status, v.Notes,
                v.Feedback, v.Rating, v.CancelReason, v.CalendarEventId, v.CreatedById, v.CreatedAt, v.UpdatedAt),
            v.Version);

    private sealed record Row(ViewingInfo Info, uint Version);

    private readonly record struct Period(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    private sealed record Clash(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    /// <summary>The position after the last viewing of a page: (start, id).</summary>
    private sealed record Cursor(DateTimeOffset At, Guid Id);
}
