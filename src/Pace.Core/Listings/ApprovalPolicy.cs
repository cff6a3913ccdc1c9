using Pace.Identity;

namespace Pace.Listings;

/// <summary>
/// Who decides a listing approval: an admin, or the manager of the listing agent's team, and never the person who
/// asked for it (a manager's own listing goes to an admin).
/// </summary>
public static class ApprovalPolicy
{
    /// <summary>Why <paramref name="actor"/> may not decide the approval, or null when they may.</summary>
    public static string? Refusal(Actor actor, ListingApproval approval, Guid listingAgentId, Guid? listingAgentTeamId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(approval);
        if (actor.IsAdmin)
        {
            return null;
        }

        if (!actor.IsManager || actor.TeamId is null || actor.TeamId != listingAgentTeamId)
        {
            return "Only the manager of the listing agent's team or an admin decides listing approvals.";
        }

        if (actor.UserId == approval.RequestedById || actor.UserId == listingAgentId)
        {
            return "Nobody decides their own request: an admin decides it.";
        }

        return null;
    }
}
