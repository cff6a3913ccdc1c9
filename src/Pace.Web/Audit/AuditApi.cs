using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Audit;

/// <summary>One entry of the audit log as an admin reads it; <see cref="Data"/> holds the before/after of each field.</summary>
public sealed record AuditEntryInfo(
    long Id, DateTimeOffset OccurredAt, Guid? ActorUserId, string? ActorName, string? ActorClient, string Action,
    string? EntityType, Guid? EntityId, JsonElement? Data, string? IpAddress, string? TraceId);

public sealed record AuditPage(IReadOnlyList<AuditEntryInfo> Items, string? NextCursor);

/// <summary>
/// The audit log browser: newest first, filtered by record (its whole history), actor, action and period, keyset
/// paginated so a deep page costs what the first one does.
/// </summary>
public static class AuditApi
{
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Admin);
        group.MapGet("/", ListAsync).WithName("ListAuditEntries");
        return group;
    }

    internal static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync(
        PaceDbContext db,
        string? entityType,
        Guid? entityId,
        Guid? actorUserId,
        string? action,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var size = limit ?? 50;
        if (size is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["from must not be after to."];
        }

        if (entityId is not null && string.IsNullOrEmpty(entityType))
        {
            errors["entityType"] = ["entityType is required with entityId (a record's history is asked for by type and id)."];
        }

        Position? after = null;
        if (cursor is not null)
        {
            after = KeysetCursor.Decode<Position>(cursor);
            if (after is null)
            {
                errors["cursor"] = ["cursor is not one this API returned."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(entityType))
        {
            query = query.Where(a => a.EntityType == entityType);
        }

        if (entityId is not null)
        {
            query = query.Where(a => a.EntityId == entityId);
        }

        if (actorUserId is not null)
        {
            query = query.Where(a => a.ActorUserId == actorUserId);
        }

        if (!string.IsNullOrEmpty(action))
        {
            // "listing." finds every listing action; "auth.sign_in_refused" one action.
            query = action.EndsWith('.') ? query.Where(a => a.Action.StartsWith(action)) : query.Where(a => a.Action == action);
        }

        if (from is not null)
        {
            query = query.Where(a => a.OccurredAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(a => a.OccurredAt < to);
        }

        if (after is not null)
        {
            query = query.Where(a => a.OccurredAt < after.At || (a.OccurredAt == after.At && a.Id < after.Id));
        }

        var rows = await query
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Take(size + 1)
            .Select(a => new
            {
                Entry = a,
                ActorName = db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var items = rows.Take(size).Select(r => new AuditEntryInfo(
            r.Entry.Id, r.Entry.OccurredAt, r.Entry.ActorUserId, r.ActorName, r.Entry.ActorClient, r.Entry.Action,
            r.Entry.EntityType, r.Entry.EntityId, Parse(r.Entry.Data), r.Entry.IpAddress, r.Entry.TraceId)).ToList();
        var next = rows.Count > size ? KeysetCursor.Encode(new Position(items[^1].OccurredAt, items[^1].Id)) : null;
        return TypedResults.Ok(new AuditPage(items, next));
    }

    private static JsonElement? Parse(string? data)
    {
        if (data is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(data);
        return document.RootElement.Clone();
    }

    /// <summary>Where a page ended: newest first by time, then id.</summary>
    private sealed record Position(DateTimeOffset At, long Id);
}
