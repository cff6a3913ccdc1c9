using Pace.Listings;

namespace Pace.Applicants;

/// <summary>
/// What a new lead asks for, as far as routing is concerned: from its first active requirement. LocationPaths
/// holds, for each community the lead asks for, that location and its ancestors.
/// </summary>
public sealed record LeadProfile(Purpose? Purpose, long? Budget, IReadOnlyList<IReadOnlyCollection<Guid>> LocationPaths);

/// <summary>An agent a rule may give the lead to, with their open applicants (for least-busy).</summary>
public sealed record RoutingCandidate(Guid UserId, int OpenApplicants);

/// <summary>The pure part of lead assignment: which rule takes a lead and which of its agents gets it.</summary>
public static class LeadRouting
{
    /// <summary>Whether the rule takes this lead: purpose, price band and communities must all fit where set.</summary>
    public static bool IsEligible(AssignmentRule rule, LeadProfile lead)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(lead);
        if (!rule.IsActive)
        {
            return false;
        }

        if (rule.Purpose is { } purpose && lead.Purpose != purpose)
        {
            return false;
        }

        if ((rule.PriceMin is not null || rule.PriceMax is not null)
            && (lead.Budget is not { } budget || budget < (rule.PriceMin ?? long.MinValue) || budget > (rule.PriceMax ?? long.MaxValue)))
        {
            return false;
        }

        // A rule for Dubai Marina takes a lead for a Marina tower: some community of the lead lies in its subtree.
        return rule.LocationIds.Length == 0
            || lead.LocationPaths.Any(path => path.Any(id => rule.LocationIds.Contains(id)));
    }

    /// <summary>
    /// The agent who gets the lead, or null when the rule has nobody to give it to. Round-robin takes the next
    /// agent after the last one served (in id order, wrapping); least-busy the agent with the fewest open
    /// applicants, ties going to the next in round-robin order so equal loads still rotate.
    /// </summary>
    public static Guid? Choose(AssignmentStrategy strategy, Guid? lastAssigned, IReadOnlyCollection<RoutingCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return null;
        }

        var ordered = candidates.OrderBy(c => c.UserId).ToList();
        var start = lastAssigned is { } last ? ordered.FindIndex(c => c.UserId.CompareTo(last) > 0) : 0;
        var rotation = start < 0 ? ordered : [.. ordered[start..], .. ordered[..start]];
        return strategy == AssignmentStrategy.LeastBusy
            ? rotation.MinBy(c => c.OpenApplicants)!.UserId
            : rotation[0].UserId;
    }
}
