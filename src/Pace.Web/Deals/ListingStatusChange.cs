using Pace.Activities;
using Pace.Common;
using Pace.Data;
using Pace.Listings;

namespace Pace.Web.Deals;

/// <summary>
/// The listing status changes that offers and deals cause (under offer, sold or rented, back to live), through the
/// listing life cycle's rules like every other status change.
/// </summary>
internal static class ListingStatusChange
{
    /// <summary>Moves the listing and records the change on its timeline; nothing when it already has the status.</summary>
    /// <exception cref="ListingTransitionException">The life cycle does not allow the move.</exception>
    public static void Set(PaceDbContext db, Listing listing, ListingStatus status, Guid? userId, DateTimeOffset now)
    {
        if (listing.Status == status)
        {
            return;
        }

        var from = ListingLifecycle.MoveTo(listing, status, now);
        db.Activities.Add(new Activity
        {
            Kind = ActivityKind.System,
            ListingId = listing.Id,
            UserId = userId,
            OccurredAt = now,
            Subject = "Status changed",
            Body = $"{listing.Reference} marked {SnakeCase.Of(status).Replace('_', ' ')}.",
            Data = ActivityData.Of(new { from = SnakeCase.Of(from), to = SnakeCase.Of(status) }),
        });
    }
}
