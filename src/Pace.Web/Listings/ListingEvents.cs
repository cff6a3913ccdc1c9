using System.Text.Json;
using Pace.Activities;
using Pace.Data;
using Pace.Data.Audit;
using Pace.Data.Common;
using Pace.Listings;

namespace Pace.Web.Listings;

/// <summary>
/// What happens to a listing, written where people look for it: an entry on the listing's timeline, and for the
/// decisions (status changes, approvals, price changes) an explicit audit entry besides the interceptor's field diff.
/// </summary>
internal static class ListingEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A timeline entry only (the interceptor already audits the change itself).</summary>
    public static void Timeline(PaceDbContext db, AuditActor actor, DateTimeOffset now, Listing listing, string subject, string body, object? data = null) =>
        db.Activities.Add(new Activity
        {
            Kind = ActivityKind.System,
            ListingId = listing.Id,
            UserId = actor.UserId,
            OccurredAt = now,
            Subject = subject,
            Body = body,
            Data = data is null ? null : JsonSerializer.Serialize(data, Json),
        });

    /// <summary>A timeline entry and an audit entry named <paramref name="action"/> with the same data.</summary>
    public static void Record(PaceDbContext db, AuditActor actor, DateTimeOffset now, Listing listing, string action, string subject, string body, object data)
    {
        Timeline(db, actor, now, listing, subject, body, data);
        db.Record(actor, now, action, "listing", listing.Id, data);
    }

    /// <summary>Moves the listing through its life cycle and records the change, with the reason when there is one.</summary>
    /// <exception cref="ListingTransitionException">The life cycle does not allow the move (check first with <see cref="ListingLifecycle.Refusal"/>).</exception>
    public static ListingStatus Move(
        PaceDbContext db, AuditActor actor, DateTimeOffset now, Listing listing, ListingStatus to, string action, string? reason = null, object? extra = null)
    {
        var from = ListingLifecycle.MoveTo(listing, to, now);
        var body = $"{listing.Reference} moved from {ListingLifecycle.Describe(from)} to {ListingLifecycle.Describe(to)}.";
        Record(db, actor, now, listing, action, "Status changed", reason is null ? body : $"{body} {reason}",
            new { from = Name(from), to = Name(to), reason, extra });
        return from;
    }

    /// <summary>A status as the API and the database name it (<c>pending_approval</c>).</summary>
    public static string Name(ListingStatus status) => ModelConventions.ToSnakeCase(status.ToString());
}
