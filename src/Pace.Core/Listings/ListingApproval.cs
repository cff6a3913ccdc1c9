using Pace.Common;

namespace Pace.Listings;

public enum ApprovalKind
{
    GoLive,
    PriceChange,
}

public enum ApprovalDecision
{
    Pending,
    Approved,
    Rejected,

    /// <summary>No longer asked for: the listing was withdrawn, or a newer price change replaced this one.</summary>
    Cancelled,
}

/// <summary>A request for the team manager to approve a listing going live or a price change.</summary>
public sealed class ListingApproval : Entity, IVersioned
{
    public Guid ListingId { get; set; }

    public ApprovalKind Kind { get; set; }

    public Guid RequestedById { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public long? PreviousPriceMinor { get; set; }

    public long? RequestedPriceMinor { get; set; }

    public ApprovalDecision Decision { get; set; }

    public Guid? DecidedById { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Reason { get; set; }

    public uint Version { get; set; }
}
