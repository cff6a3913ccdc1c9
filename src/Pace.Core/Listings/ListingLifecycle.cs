using System.Globalization;

namespace Pace.Listings;

/// <summary>
/// The life cycle of a listing: Draft → PendingApproval → Live → UnderOffer → Sold (sale) or Rented (rent), with
/// Withdrawn (the agent takes it off) and Expired (its permit or mandate ran out) as the other ways off the market,
/// and a relist bringing a withdrawn or expired listing back to Draft. Every feature moves listings through
/// <see cref="MoveTo"/>, so no code path can skip approval or reopen a closed sale.
/// </summary>
public static class ListingLifecycle
{
    private static readonly Dictionary<ListingStatus, ListingStatus[]> Next = new()
    {
        [ListingStatus.Draft] = [ListingStatus.PendingApproval, ListingStatus.Withdrawn],
        // Approved goes live; rejected goes back to draft with the manager's reason.
        [ListingStatus.PendingApproval] = [ListingStatus.Live, ListingStatus.Draft, ListingStatus.Withdrawn],
        [ListingStatus.Live] = [ListingStatus.UnderOffer, ListingStatus.Sold, ListingStatus.Rented, ListingStatus.Withdrawn, ListingStatus.Expired],
        // An accepted offer that falls through puts the listing back on the market.
        [ListingStatus.UnderOffer] = [ListingStatus.Live, ListingStatus.Sold, ListingStatus.Rented, ListingStatus.Withdrawn],
        [ListingStatus.Sold] = [],
        [ListingStatus.Rented] = [],
        [ListingStatus.Withdrawn] = [ListingStatus.Draft],
        [ListingStatus.Expired] = [ListingStatus.Draft],
    };

    /// <summary>The statuses a listing in <paramref name="from"/> may move to (before the purpose rule of Sold/Rented).</summary>
    public static IReadOnlyList<ListingStatus> AllowedFrom(ListingStatus from) => Next[from];

    /// <summary>On the market: what buyers and tenants can be shown, and what every member of staff may read.</summary>
    public static bool IsOnMarket(ListingStatus status) => status is ListingStatus.Live or ListingStatus.UnderOffer;

    /// <summary>Whether <paramref name="listing"/> may move to <paramref name="to"/>: a sale ends Sold, a rental Rented.</summary>
    public static bool CanMoveTo(Listing listing, ListingStatus to)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return Refusal(listing, to) is null;
    }

    /// <summary>Why <paramref name="listing"/> may not move to <paramref name="to"/>, or null when it may.</summary>
    public static string? Refusal(Listing listing, ListingStatus to)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (!Next[listing.Status].Contains(to))
        {
            return $"A listing cannot go from {Describe(listing.Status)} to {Describe(to)}.";
        }

        return (to, listing.Purpose) switch
        {
            (ListingStatus.Sold, Purpose.Rent) => "A listing for rent is rented, not sold.",
            (ListingStatus.Rented, Purpose.Sale) => "A listing for sale is sold, not rented.",
            _ => null,
        };
    }

    /// <summary>
    /// Moves the listing to <paramref name="to"/> and returns the status it left. Going live from approval stamps
    /// <see cref="Listing.PublishedAt"/>; going back to draft clears it (it is published again when re-approved).
    /// </summary>
    /// <exception cref="ListingTransitionException">The life cycle does not allow the move.</exception>
    public static ListingStatus MoveTo(Listing listing, ListingStatus to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var from = listing.Status;
        if (Refusal(listing, to) is { } refusal)
        {
            throw new ListingTransitionException(from, to, refusal);
        }

        listing.Status = to;
        listing.StatusChangedAt = now;
        if (from == ListingStatus.PendingApproval && to == ListingStatus.Live)
        {
            listing.PublishedAt = now;
        }
        else if (to == ListingStatus.Draft)
        {
            listing.PublishedAt = null;
        }

        return from;
    }

    /// <summary>
    /// Why a live listing must come off the market on <paramref name="today"/> (Dubai date): its advertising permit or
    /// its mandate (Form A / landlord NOC) ended before today. Empty when it may stay live, or is not live.
    /// </summary>
    public static IReadOnlyList<string> ExpiryReasons(Listing listing, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var reasons = new List<string>();
        if (listing.Status != ListingStatus.Live)
        {
            return reasons;
        }

        if (listing.PermitExpiresOn is { } permit && permit < today)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"The advertising permit {listing.PermitNumber} expired on {permit:yyyy-MM-dd}."));
        }

        if (listing.MandateExpiresOn is { } mandate && mandate < today)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"The {(listing.Purpose == Purpose.Sale ? "Form A mandate" : "landlord NOC")} expired on {mandate:yyyy-MM-dd}."));
        }

        return reasons;
    }

    /// <summary>A status in words, for messages: <c>pending approval</c>, <c>under offer</c>.</summary>
    public static string Describe(ListingStatus status) => status switch
    {
        ListingStatus.PendingApproval => "pending approval",
        ListingStatus.UnderOffer => "under offer",
        _ => status.ToString().ToLowerInvariant(),
    };
}
