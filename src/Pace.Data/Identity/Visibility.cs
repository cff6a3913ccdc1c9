using Pace.Applicants;
using Pace.Identity;
using Pace.Listings;

namespace Pace.Data.Identity;

/// <summary>
/// Record visibility, enforced in the queries: every read of applicants or listings for a request goes through
/// these filters, so a record outside one's visibility is simply not found (404, not 403: ids cannot be probed).
/// </summary>
public static class Visibility
{
    /// <summary>Machine scope: read every record (the Salesforce adapter's export).</summary>
    public const string ExportScope = "export:read";

    /// <summary>Machine scope: read the published inventory (the brokerage's website).</summary>
    public const string PortalScope = "portal:read";

    /// <summary>Listings every member of staff can read: the inventory on the market.</summary>
    public static readonly ListingStatus[] InventoryStatuses = [ListingStatus.Live, ListingStatus.UnderOffer];

    /// <summary>
    /// An agent sees the applicants assigned to them; a manager their team's, and the unassigned leads they route;
    /// an admin all. A machine acting for a person sees what the person sees; on its own, only with the export scope.
    /// </summary>
    public static IQueryable<Applicant> VisibleTo(this IQueryable<Applicant> applicants, Actor actor, IQueryable<User> users)
    {
        if (actor.IsAdmin || (!actor.IsPerson && actor.HasScope(ExportScope)))
        {
            return applicants;
        }

        if (actor is { IsManager: true, TeamId: { } team })
        {
            return applicants.Where(a => a.AssignedAgentId == null
                || users.Any(u => u.Id == a.AssignedAgentId && u.TeamId == team));
        }

        if (actor.IsPerson)
        {
            var self = actor.UserId;
            return applicants.Where(a => a.AssignedAgentId == self);
        }

        return applicants.Where(_ => false);
    }

    /// <summary>
    /// Everyone on the staff reads the inventory; drafts, pending, closed and withdrawn listings only their agent,
    /// the agent's manager and admins. The website (portal scope) reads live listings only.
    /// </summary>
    public static IQueryable<Listing> VisibleTo(this IQueryable<Listing> listings, Actor actor, IQueryable<User> users)
    {
        if (actor.IsAdmin || (!actor.IsPerson && actor.HasScope(ExportScope)))
        {
            return listings;
        }

        if (!actor.IsPerson)
        {
            return actor.HasScope(PortalScope) ? listings.Where(l => l.Status == ListingStatus.Live) : listings.Where(_ => false);
        }

        // The editing rule of EditableBy, inlined: a semi-join of listings on themselves would scan them all.
        var self = actor.UserId;
        if (actor is { IsManager: true, TeamId: { } team })
        {
            return listings.Where(l => InventoryStatuses.Contains(l.Status) || l.ListingAgentId == self
                || users.Any(u => u.Id == l.ListingAgentId && u.TeamId == team));
        }

        return listings.Where(l => InventoryStatuses.Contains(l.Status) || l.ListingAgentId == self);
    }

    /// <summary>A listing is edited by its agent, the agent's manager, or an admin.</summary>
    public static IQueryable<Listing> EditableBy(this IQueryable<Listing> listings, Actor actor, IQueryable<User> users)
    {
        if (actor.IsAdmin)
        {
            return listings;
        }

        if (actor is { IsManager: true, TeamId: { } team })
        {
            var self = actor.UserId;
            return listings.Where(l => l.ListingAgentId == self || users.Any(u => u.Id == l.ListingAgentId && u.TeamId == team));
        }

        if (actor.IsPerson)
        {
            var self = actor.UserId;
            return listings.Where(l => l.ListingAgentId == self);
        }

        return listings.Where(_ => false);
    }

    /// <summary>
    /// The owner's or landlord's contact details are for the listing's agent, that agent's manager and admins: the
    /// same people who may edit the listing.
    /// </summary>
    public static bool MaySeeOwnerOf(this Actor actor, Listing listing, Guid? listingAgentTeamId) =>
        actor.IsAdmin
        || (actor.IsPerson && listing.ListingAgentId == actor.UserId)
        || (actor is { IsManager: true, TeamId: { } team } && listingAgentTeamId == team);
}
