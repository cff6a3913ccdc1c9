using Pace.Listings;

namespace Pace.Deals;

/// <summary>
/// A deal runs from an accepted offer to completion (transfer or tenancy contract) or falls through. Completing a
/// sale marks the listing Sold, a rental Rented; a deal that falls through puts the listing back on the market.
/// </summary>
public static class DealLifecycle
{
    /// <summary>Why <paramref name="deal"/> cannot move to <paramref name="to"/>, or null when it can.</summary>
    public static string? Refusal(Deal deal, DealStatus to)
    {
        ArgumentNullException.ThrowIfNull(deal);
        if (deal.Status != DealStatus.InProgress)
        {
            return $"The deal is {Describe(deal.Status)}: it cannot be {Describe(to)} any more.";
        }

        return to == DealStatus.InProgress ? "The deal is already in progress." : null;
    }

    public static void Move(Deal deal, DealStatus to, DateTimeOffset now)
    {
        if (Refusal(deal, to) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        deal.Status = to;
        deal.ClosedAt = now;
    }

    /// <summary>The status a listing takes when its deal completes.</summary>
    public static ListingStatus ClosedListingStatus(Purpose purpose) => purpose == Purpose.Sale ? ListingStatus.Sold : ListingStatus.Rented;

    private static string Describe(DealStatus status) => status switch
    {
        DealStatus.InProgress => "in progress",
        DealStatus.FallenThrough => "fallen through",
        _ => "completed",
    };
}
