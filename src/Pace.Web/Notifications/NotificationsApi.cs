using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Notifications;

/// <summary>The caller's own notifications (task reminders…), newest first; nobody reads another person's.</summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/", ListAsync).WithName("ListMyNotifications");
        group.MapPost("/{id:guid}/read", MarkReadAsync).WithName("MarkMyNotificationRead").ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>All the caller's notifications, or only the unread ones (<c>unread=true</c>).</summary>
    internal static async Task<Results<Ok<NotificationPage>, ValidationProblem>> ListAsync(
        HttpContext context, PaceDbContext db, bool? unread, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var size = Paging.Limit(limit, errors);
        var after = Paging.After<Cursor>(cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = context.User.ToActor().UserId;
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == user);
        if (unread == true)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        if (after is not null)
        {
            query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(size + 1)
            .Select(n => new NotificationInfo(n.Id, n.Kind, n.Title, n.Body, n.Link, n.ActivityId, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        var (items, next) = Paging.Page(rows, size, n => new Cursor(n.CreatedAt, n.Id));
        return TypedResults.Ok(new NotificationPage(items, next));
    }

    /// <summary>Marks one of the caller's notifications read (again is harmless: the first reading time stays).</summary>
    internal static async Task<Results<Ok<NotificationInfo>, ProblemHttpResult>> MarkReadAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = context.User.ToActor().UserId;
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == user, cancellationToken);
        if (notification is null)
        {
            return ApiProblems.NotFound("notification", id);
        }

        if (notification.ReadAt is null)
        {
            notification.ReadAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        var n = notification;
        return TypedResults.Ok(new NotificationInfo(n.Id, n.Kind, n.Title, n.Body, n.Link, n.ActivityId, n.CreatedAt, n.ReadAt));
    }

    /// <summary>The position after the last notification of a page: (created, id), newest first.</summary>
    private sealed record Cursor(DateTimeOffset At, Guid Id);
}
