using Pace.Activities;
using Pace.Deals;
using Pace.Identity;
using Pace.Listings;
using Pace.Viewings;

namespace Pace.Data.Identity;

/// <summary>
/// Who may see and act on the day's work of an agent (their viewings, offers, deals and tasks): the agent, the
/// manager of the agent's team, and admins. Like <see cref="Visibility"/>, enforced in the queries, so anything
/// else is simply not found.
/// </summary>
public static class WorkVisibility
{
    /// <summary>
    /// The members of staff whose work <paramref name="actor"/> may act on: themselves; a manager also everyone in
    /// their team; an admin everyone. A machine on its own acts for nobody.
    /// </summary>
    public static IQueryable<Guid> ActedForBy(this IQueryable<User> users, Actor actor)
    {
        if (actor.IsAdmin)
        {
            return users.Select(u => u.Id);
        }

        if (actor is { IsManager: true, TeamId: { } team })
        {
            var manager = actor.UserId;
            return users.Where(u => u.Id == manager || u.TeamId == team).Select(u => u.Id);
        }

        if (actor.IsPerson)
        {
            var self = actor.UserId;
            return users.Where(u => u.Id == self).Select(u => u.Id);
        }

        return users.Where(_ => false).Select(u => u.Id);
    }

    /// <summary>A viewing is its agent's: the agent, their manager and admins see it.</summary>
    public static IQueryable<Viewing> VisibleTo(this IQueryable<Viewing> viewings, Actor actor, IQueryable<User> users)
    {
        if (ReadsEverything(actor))
        {
            return viewings;
        }

        var staff = users.ActedForBy(actor);
        return viewings.Where(v => staff.Contains(v.AgentId));
    }

    /// <summary>
    /// An offer concerns two sides: the applicant's agent (who made it) and the listing's agent (who takes it to the
    /// owner). Each, their managers and admins see it.
    /// </summary>
    public static IQueryable<Offer> VisibleTo(this IQueryable<Offer> offers, Actor actor, IQueryable<User> users, IQueryable<Listing> listings)
    {
        if (ReadsEverything(actor))
        {
            return offers;
        }

        var staff = users.ActedForBy(actor);
        var editable = listings.EditableBy(actor, users);
        return offers.Where(o => staff.Contains(o.AgentId) || editable.Any(l => l.Id == o.ListingId));
    }

    /// <summary>A deal, like the offer it came from, is seen by both sides.</summary>
    public static IQueryable<Deal> VisibleTo(this IQueryable<Deal> deals, Actor actor, IQueryable<User> users, IQueryable<Listing> listings)
    {
        if (ReadsEverything(actor))
        {
            return deals;
        }

        var staff = users.ActedForBy(actor);
        var editable = listings.EditableBy(actor, users);
        return deals.Where(d => staff.Contains(d.AgentId) || editable.Any(l => l.Id == d.ListingId));
    }

    /// <summary>Tasks, seen by their assignee, the assignee's manager and admins.</summary>
    public static IQueryable<Activity> TasksVisibleTo(this IQueryable<Activity> activities, Actor actor, IQueryable<User> users)
    {
        var tasks = activities.Where(a => a.Kind == ActivityKind.Task);
        if (ReadsEverything(actor))
        {
            return tasks;
        }

        var staff = users.ActedForBy(actor);
        return tasks.Where(a => a.UserId != null && staff.Contains(a.UserId.Value));
    }

    private static bool ReadsEverything(Actor actor) => actor.IsAdmin || (!actor.IsPerson && actor.HasScope(Visibility.ExportScope));
}
