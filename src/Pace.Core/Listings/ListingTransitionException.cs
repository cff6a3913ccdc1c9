namespace Pace.Listings;

/// <summary>A listing was asked to move between two statuses its life cycle does not connect.</summary>
public sealed class ListingTransitionException(ListingStatus from, ListingStatus to, string message) : InvalidOperationException(message)
{
    public ListingStatus From { get; } = from;

    public ListingStatus To { get; } = to;
}
