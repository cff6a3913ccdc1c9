using Pace.Common;

namespace Pace.Deals;

public enum OfferStatus
{
    Submitted,
    Countered,
    Accepted,
    Rejected,
    Withdrawn,
}

/// <summary>An applicant's offer on a listing.</summary>
public sealed class Offer : Entity, IVersioned
{
    public Guid ListingId { get; set; }

    public Guid ApplicantId { get; set; }

    public Guid AgentId { get; set; }

    public long AmountMinor { get; set; }

    public string Currency { get; set; } = Money.Aed;

    public OfferStatus Status { get; set; }

    public string? Conditions { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Why it was rejected or withdrawn.</summary>
    public string? DecisionReason { get; set; }

    public uint Version { get; set; }
}

public enum DealStatus
{
    InProgress,
    Completed,
    FallenThrough,
}

/// <summary>An accepted offer on its way to transfer (sale) or tenancy contract (rent).</summary>
public sealed class Deal : Entity, IVersioned
{
    public Guid OfferId { get; set; }

    public Guid ListingId { get; set; }

    public Guid ApplicantId { get; set; }

    public Guid AgentId { get; set; }

    public long PriceMinor { get; set; }

    public long CommissionMinor { get; set; }

    public string Currency { get; set; } = Money.Aed;

    public DealStatus Status { get; set; }

    public DateOnly? ExpectedCloseOn { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Why the deal fell through (financing refused, buyer withdrew…).</summary>
    public string? FallThroughReason { get; set; }

    public uint Version { get; set; }
}
