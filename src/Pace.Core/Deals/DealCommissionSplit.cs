using Pace.Common;

namespace Pace.Deals;

/// <summary>One agent's share of a completed deal's commission.</summary>
public sealed class DealCommissionSplit : Entity
{
    public Guid DealId { get; set; }

    public Guid AgentId { get; set; }

    /// <summary>The percentage asked for, when the split was given in percent.</summary>
    public decimal? Percent { get; set; }

    /// <summary>The share in minor units of the deal's currency; the shares of a deal add up to its commission.</summary>
    public long AmountMinor { get; set; }
}
