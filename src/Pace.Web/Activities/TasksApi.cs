using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Identity;
using Pace.Web.Api.Idempotency;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Activities;

/// <summary>
/// Tasks: timeline entries of kind Task whose user is the assignee, with a due time and an optional reminder.
/// "My tasks today" is everything open and due before the next Dubai midnight, overdue included. A task is seen
/// by its assignee, the assignee's manager and admins.
/// </summary>
public static class TasksApi
{
    public const int MaxTitleLength = 500;

    public const int MaxNotesLength = 10_000;

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/", ListAsync).WithName("ListTasks").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTask").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateTask").Idempotent();
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateTask").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompleteTask").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/reopen", ReopenAsync).WithName("ReopenTask").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>
    /// A person's tasks by due time: <c>scope</c> today (default; overdue included), overdue, upcoming or all; the
    /// caller's own unless a manager names a team member (<c>assigneeId</c>) or an admin anyone.
    /// </summary>
    internal static async Task<Results<Ok<TaskPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext context, PaceDbContext db, TimeProvider clock, string? scope, Guid? assigneeId, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var errors = ApiProblems.Errors();
        var size = Paging.Limit(limit, errors);
        var after = Paging.After<Cursor>(cursor, errors);
        var which = TaskScope.Today;
        if (scope is not null && !SnakeCaseNaming.TryParse(scope, out which))
        {
            errors["scope"] = [SnakeCaseNaming.OneOf("scope", Enum.GetValues<TaskScope>())];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var assignee = assigneeId ?? actor.UserId ?? Guid.Empty;
        if (!await db.Users.ActedForBy(actor).AnyAsync(id => id == assignee, cancellationToken))
        {
            return ApiProblems.NotFound("assignee", assignee);
        }

        var window = TaskWindow.For(which, clock.GetUtcNow());
        var tasks = db.Activities.AsNoTracking().Where(a => a.Kind == ActivityKind.Task && a.UserId == assignee && a.DueAt != null);
        if (window.OpenOnly)
        {
            tasks = tasks.Where(a => a.CompletedAt == null);
        }

        if (window.DueFrom is { } dueFrom)
        {
            tasks = tasks.Where(a => a.DueAt >= dueFrom);
        }

        if (window.DueBefore is { } dueBefore)
        {
            tasks = tasks.Where(a => a.DueAt < dueBefore);
        }

        if (after is not null)
        {
            tasks = tasks.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.DueAt!.Value, a.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await ItemsAsync(db, tasks.OrderBy(a => a.DueAt).ThenBy(a => a.Id).Take(size + 1), cancellationToken);
        var ordered = rows.Select(r => r.Info).OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToList();
        var (items, next) = Paging.Page(ordered, size, t => new Cursor(t.DueAt, t.Id));
        return TypedResults.Ok(new TaskPage(items, next));
    }

    internal static async Task<Results<Ok<TaskInfo>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, db.Activities.TasksVisibleTo(context.User.ToActor(), db.Users), id, cancellationToken);
        if (row is null)
        {
            return ApiProblems.NotFound("task", id);
        }

        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Ok(row.Info);
    }

    internal static async Task<Results<Created<TaskInfo>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTaskRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var errors = ApiProblems.Errors();
        var title = RequestFields.RequiredText(request.Title, "title", MaxTitleLength, errors);
        var notes = RequestFields.Text(request.Notes, "notes", MaxNotesLength, errors);
        var dueAt = RequestFields.Utc(request.DueAt);
        if (dueAt is null)
        {
            errors["dueAt"] = ["dueAt is required."];
        }

        var remindAt = RequestFields.Utc(request.RemindAt);
        CheckReminder(dueAt, remindAt, errors);
        var priority = ReadPriority(request.Priority, errors) ?? TaskPriority.Normal;
        var assignee = request.AssigneeId ?? actor.UserId ?? Guid.Empty;
        await CheckAssigneeAsync(db, actor, assignee, errors, cancellationToken);
        var applicant = await RequestFields.ReferencedAsync(request.ApplicantId, "applicantId", "applicant", required: false,
            id => db.Applicants.AsNoTracking().VisibleTo(actor, db.Users).Where(a => a.Id == id).Select(a => new { a.Id }).FirstOrDefaultAsync(cancellationToken),
            errors);
        var listing = await RequestFields.ReferencedAsync(request.ListingId, "listingId", "listing", required: false,
            id => db.Listings.AsNoTracking().VisibleTo(actor, db.Users).Where(l => l.Id == id).Select(l => new { l.Id }).FirstOrDefaultAsync(cancellationToken),
            errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var task = new Activity
        {
            Kind = ActivityKind.Task,
            UserId = assignee,
            ApplicantId = applicant?.Id,
            ListingId = listing?.Id,
            OccurredAt = clock.GetUtcNow(),
            Subject = title,
            Body = notes,
            DueAt = dueAt,
            RemindAt = remindAt,
            Data = new TaskDetails(priority, actor.UserId).Write(),
        };
        db.Activities.Add(task);
        await db.SaveChangesAsync(cancellationToken);

        var row = (await FindAsync(db, db.Activities, task.Id, cancellationToken))!;
        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}", row.Info);
    }

    internal static async Task<Results<Ok<TaskInfo>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateTaskRequest request, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var task = await db.Activities.TasksVisibleTo(actor, db.Users).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (task is null)
        {
            return ApiProblems.NotFound("task", id);
        }

        if (EntityTags.Check(context.Request, task.Version) is not EntityTags.Precondition.Met and var precondition)
        {
            return EntityTags.Result(precondition);
        }

        var errors = ApiProblems.Errors();
        if (request.Title is not null)
        {
            task.Subject = RequestFields.RequiredText(request.Title, "title", MaxTitleLength, errors);
        }

        if (request.HasNotes)
        {
            task.Body = RequestFields.Text(request.Notes, "notes", MaxNotesLength, errors);
        }

        if (request.DueAt is { } dueAt)
        {
            task.DueAt = dueAt.ToUniversalTime();
        }

        if (request.HasRemindAt)
        {
            TaskLifecycle.RemindAt(task, RequestFields.Utc(request.RemindAt));
        }

        CheckReminder(task.DueAt, task.RemindAt, errors);
        if (ReadPriority(request.Priority, errors) is { } priority)
        {
            task.Data = (TaskDetails.Read(task.Data) with { Priority = priority }).Write();
        }

        if (request.AssigneeId is { } assignee && assignee != task.UserId)
        {
            await CheckAssigneeAsync(db, actor, assignee, errors, cancellationToken);
            task.UserId = assignee;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        return await RespondAsync(db, context, id, cancellationToken);
    }

    internal static Task<Results<Ok<TaskInfo>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(id, context, db, TaskLifecycle.CompleteRefusal, task => TaskLifecycle.Complete(task, clock.GetUtcNow()), cancellationToken);

    internal static Task<Results<Ok<TaskInfo>, ValidationProblem, ProblemHttpResult>> ReopenAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken) =>
        ChangeAsync(id, context, db, TaskLifecycle.ReopenRefusal, TaskLifecycle.Reopen, cancellationToken);

    /// <summary>Completes or reopens a visible task; refused (422) when it is already so; an If-Match, when sent, must match.</summary>
    private static async Task<Results<Ok<TaskInfo>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, HttpContext context, PaceDbContext db, Func<Activity, string?> refusal, Action<Activity> change, CancellationToken cancellationToken)
    {
        var task = await db.Activities.TasksVisibleTo(context.User.ToActor(), db.Users).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (task is null)
        {
            return ApiProblems.NotFound("task", id);
        }

        if (EntityTags.Check(context.Request, task.Version) == EntityTags.Precondition.Failed)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        if (refusal(task) is { } reason)
        {
            return ApiProblems.Refused("Task cannot change", reason);
        }

        change(task);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("Changed meanwhile", "The task changed while this was saved. Read it again and retry.");
        }

        return await RespondAsync(db, context, id, cancellationToken);
    }

    private static void CheckReminder(DateTimeOffset? dueAt, DateTimeOffset? remindAt, Dictionary<string, string[]> errors)
    {
        if (remindAt is not null && dueAt is not null && remindAt > dueAt)
        {
            errors["remindAt"] = ["remindAt is at or before dueAt."];
        }
    }

    private static TaskPriority? ReadPriority(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (SnakeCaseNaming.TryParse<TaskPriority>(value, out var priority))
        {
            return priority;
        }

        errors["priority"] = [SnakeCaseNaming.OneOf("priority", Enum.GetValues<TaskPriority>())];
        return null;
    }

    /// <summary>A task goes to the caller, a manager's team member, or (for an admin) anyone active.</summary>
    private static async Task CheckAssigneeAsync(PaceDbContext db, Actor actor, Guid assignee, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!await db.Users.Where(u => u.IsActive).ActedForBy(actor).AnyAsync(id => id == assignee, cancellationToken))
        {
            errors["assigneeId"] = [$"There is no active member of staff {assignee} you may give tasks to."];
        }
    }

    private static async Task<Results<Ok<TaskInfo>, ValidationProblem, ProblemHttpResult>> RespondAsync(
        PaceDbContext db, HttpContext context, Guid id, CancellationToken cancellationToken)
    {
        var row = (await FindAsync(db, db.Activities, id, cancellationToken))!;
        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Ok(row.Info);
    }

    private static async Task<Row?> FindAsync(PaceDbContext db, IQueryable<Activity> tasks, Guid id, CancellationToken cancellationToken) =>
        (await ItemsAsync(db, tasks.AsNoTracking().Where(a => a.Id == id && a.Kind == ActivityKind.Task), cancellationToken)).SingleOrDefault();

    private static async Task<List<Row>> ItemsAsync(PaceDbContext db, IQueryable<Activity> tasks, CancellationToken cancellationToken)
    {
        var rows = await (
            from a in tasks
            join u in db.Users on a.UserId equals u.Id
            select new
            {
                a.Id, a.Subject, a.Body, a.ApplicantId, a.ListingId, AssigneeId = u.Id, u.DisplayName, a.Data, a.DueAt, a.RemindAt, a.RemindedAt,
                a.CompletedAt, a.CreatedAt, a.UpdatedAt, a.Version,
            }).ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var details = TaskDetails.Read(r.Data);
            return new Row(
                new TaskInfo(
                    r.Id, r.Subject ?? "", r.Body, r.ApplicantId, r.ListingId, r.AssigneeId, r.DisplayName, details.Priority, details.CreatedById,
                    r.DueAt ?? r.CreatedAt, r.RemindAt, r.RemindedAt, r.CompletedAt, r.CreatedAt, r.UpdatedAt),
                r.Version);
        }).ToList();
    }

    private sealed record Row(TaskInfo Info, uint Version);

    /// <summary>The position after the last task of a page: (due, id).</summary>
    private sealed record Cursor(DateTimeOffset At, Guid Id);
}
