using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Data;
using Pace.Identity;

namespace Pace.Web.Applicants;

/// <summary>
/// Gives applicants to agents: by the teams' assignment rules for a new lead without an agent, or by a person.
/// Every assignment leaves an Assignment entry on the timeline; the change of agent itself is audited field by
/// field by the audit interceptor, with the rule named in the timeline entry.
/// </summary>
public static class LeadAssignment
{
    /// <summary>
    /// Routes an unassigned applicant by the first active rule (in priority order) it is eligible for. The chosen
    /// rule's row is locked until the caller's transaction ends, so replicas taking leads at once still rotate.
    /// Returns the rule that assigned it, or null when no rule took it (it stays with the managers as unassigned).
    /// </summary>
    public static async Task<AssignmentRule?> RouteAsync(PaceDbContext db, Applicant applicant, Guid? actingUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(applicant);
        var lead = await ProfileAsync(db, applicant, cancellationToken);
        var rules = await db.AssignmentRules.AsNoTracking().Where(r => r.IsActive)
            .OrderBy(r => r.Priority).ThenBy(r => r.Id).ToListAsync(cancellationToken);

        foreach (var candidate in rules.Where(r => LeadRouting.IsEligible(r, lead)))
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM assignment_rules WHERE id = {candidate.Id} FOR UPDATE", cancellationToken);
            var rule = await db.AssignmentRules.SingleAsync(r => r.Id == candidate.Id, cancellationToken);

            var agents = await EligibleAgentsAsync(db, rule, cancellationToken);
            if (LeadRouting.Choose(rule.Strategy, rule.LastAssignedUserId, agents) is not { } agentId)
            {
                continue;
            }

            var name = await db.Users.Where(u => u.Id == agentId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            Assign(db, applicant, agentId, name, RuleName(rule), actingUserId, now);
            rule.LastAssignedUserId = agentId;
            return rule;
        }

        return null;
    }

    /// <summary>Gives the applicant to <paramref name="agentId"/>; false when they already have them.</summary>
    public static bool Assign(PaceDbContext db, Applicant applicant, Guid agentId, string agentName, string rule, Guid? actingUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(applicant);
        if (applicant.AssignedAgentId == agentId)
        {
            return false;
        }

        applicant.AssignedAgentId = agentId;
        applicant.AssignedAt = now;
        db.Activities.Add(TimelineEntries.Assignment(applicant.Id, agentId, agentName, rule, actingUserId, now));
        return true;
    }

    /// <summary>
    /// Who <paramref name="actor"/> may give applicants to: an admin anyone active on the staff; a manager the active
    /// agents and managers of their team; an agent only themselves.
    /// </summary>
    public static IQueryable<User> AssignableBy(this IQueryable<User> users, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var active = users.Where(u => u.IsActive && u.Role != UserRole.Admin);
        if (actor.IsAdmin)
        {
            return active;
        }

        if (actor is { IsManager: true, TeamId: { } team })
        {
            return active.Where(u => u.TeamId == team);
        }

        var self = actor.UserId;
        return actor.IsPerson ? active.Where(u => u.Id == self) : active.Where(_ => false);
    }

    public static string RuleName(AssignmentRule rule) => $"rule:{rule.Name}";

    private static async Task<List<RoutingCandidate>> EligibleAgentsAsync(PaceDbContext db, AssignmentRule rule, CancellationToken cancellationToken)
    {
        var named = rule.AgentIds;
        var agents = db.Users.Where(u => u.IsActive && u.TeamId == rule.TeamId && u.Role != UserRole.Admin);
        agents = named.Length > 0 ? agents.Where(u => named.Contains(u.Id)) : agents.Where(u => u.Role == UserRole.Agent);
        return await agents
            .Select(u => new RoutingCandidate(
                u.Id,
                db.Applicants.Count(a => a.AssignedAgentId == u.Id && a.MergedIntoId == null
                    && a.Stage != ApplicantStage.Won && a.Stage != ApplicantStage.Lost)))
            .ToListAsync(cancellationToken);
    }

    private static async Task<LeadProfile> ProfileAsync(PaceDbContext db, Applicant applicant, CancellationToken cancellationToken)
    {
        var requirement = applicant.Requirements.Where(r => r.IsActive).OrderBy(r => r.CreatedAt).FirstOrDefault();
        if (requirement is null)
        {
            return new LeadProfile(null, null, []);
        }

        var ids = requirement.LocationIds;
        var paths = await db.Locations.AsNoTracking().Where(l => ids.Contains(l.Id)).Select(l => l.Path).ToListAsync(cancellationToken);
        var prefixes = paths.SelectMany(Prefixes).Distinct(StringComparer.Ordinal).ToList();
        var idsByPath = await db.Locations.AsNoTracking().Where(l => prefixes.Contains(l.Path))
            .ToDictionaryAsync(l => l.Path, l => l.Id, StringComparer.Ordinal, cancellationToken);
        var locationPaths = paths
            .Select(path => (IReadOnlyCollection<Guid>)[.. Prefixes(path).Where(idsByPath.ContainsKey).Select(p => idsByPath[p])])
            .ToList();
        return new LeadProfile(requirement.Purpose, requirement.BudgetMax ?? requirement.BudgetMin, locationPaths);
    }

    /// <summary><c>dubai/dubai-marina/marina-gate-1</c> and its ancestors' paths.</summary>
    private static IEnumerable<string> Prefixes(string path)
    {
        for (var i = path.IndexOf('/', StringComparison.Ordinal); i > 0; i = path.IndexOf('/', i + 1))
        {
            yield return path[..i];
        }

        yield return path;
    }
}
