using Pace.Common;
using Pace.Listings;

namespace Pace.Applicants;

public enum AssignmentStrategy
{
    /// <summary>Each eligible agent in turn.</summary>
    RoundRobin,

    /// <summary>The eligible agent with the fewest open applicants.</summary>
    LeastBusy,
}

/// <summary>
/// How a team takes new leads that arrive without an agent: which leads it takes (purpose, price band,
/// communities) and how it shares them among its agents. Rules are tried in <see cref="Priority"/> order.
/// </summary>
public sealed class AssignmentRule : Entity, IVersioned
{
    public Guid TeamId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower runs first; the first rule a lead is eligible for assigns it.</summary>
    public int Priority { get; set; }

    public AssignmentStrategy Strategy { get; set; }

    /// <summary>Only leads of this purpose; null takes both.</summary>
    public Purpose? Purpose { get; set; }

    /// <summary>Price band in AED minor units, compared with the lead's budget; null is open-ended.</summary>
    public long? PriceMin { get; set; }

    public long? PriceMax { get; set; }

    /// <summary>Communities (location tree ids, subtrees included) the rule takes leads for; empty takes all.</summary>
    public Guid[] LocationIds { get; set; } = [];

    /// <summary>The agents who take leads; empty means every active agent of the team.</summary>
    public Guid[] AgentIds { get; set; } = [];

    public bool IsActive { get; set; } = true;

    /// <summary>The round-robin pointer: who got the last lead.</summary>
    public Guid? LastAssignedUserId { get; set; }

    public uint Version { get; set; }
}
