using Pace.Common;

namespace Pace.Listings;

public enum Portal
{
    PropertyFinder,
    Bayut,
    Website,
}

public enum PortalState
{
    Pending,
    Publishing,
    Live,
    Failed,
    Unpublishing,
    Unpublished,
}

/// <summary>Where one listing stands on one portal (syndication state).</summary>
public sealed class ListingPortal : IVersioned
{
    public Guid ListingId { get; set; }

    public Portal Portal { get; set; }

    /// <summary>The portal's own id of the listing (Property Finder's ULID-like id).</summary>
    public string? ExternalId { get; set; }

    public PortalState State { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}
