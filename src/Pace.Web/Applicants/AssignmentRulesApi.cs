using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Applicants;
using Pace.Data;
using Pace.Identity;
using Pace.Web.Api.Idempotency;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Applicants;

/// <summary>
/// The lead assignment rules: a manager writes their own team's, an admin any team's. A team has a handful of
/// rules, so the list is one page in priority order. Changes are audited by the interceptor.
/// </summary>
public static class AssignmentRulesApi
{
    private static readonly Expression<Func<AssignmentRule, AssignmentRuleInfo>> Info = r => new AssignmentRuleInfo(
        r.Id, r.TeamId, r.Name, r.Priority, r.Strategy, r.Purpose, r.PriceMin, r.PriceMax, r.LocationIds, r.AgentIds, r.IsActive,
        r.LastAssignedUserId, r.CreatedAt, r.UpdatedAt);

    private static readonly Func<AssignmentRule, AssignmentRuleInfo> ToInfo = Info.Compile();

    public static RouteGroupBuilder MapAssignmentRulesApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.ManagerOrAdmin);
        group.MapGet("/", ListAsync).WithName("ListAssignmentRules");
        group.MapPost("/", CreateAsync).WithName("CreateAssignmentRule").Idempotent();
        group.MapPut("/{id:guid}", ReplaceAsync).WithName("ReplaceAssignmentRule").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteAssignmentRule").ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Ok<List<AssignmentRuleInfo>>> ListAsync(HttpContext context, PaceDbContext db, Guid? teamId, CancellationToken cancellationToken)
    {
        var rules = Writable(db, context.User.ToActor());
        if (teamId is not null)
        {
            rules = rules.Where(r => r.TeamId == teamId);
        }

        return TypedResults.Ok(await rules.AsNoTracking().OrderBy(r => r.Priority).ThenBy(r => r.Id).Select(Info).ToListAsync(cancellationToken));
    }

    internal static async Task<Results<Created<AssignmentRuleInfo>, ValidationProblem>> CreateAsync(
        AssignmentRuleInput request, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var rule = new AssignmentRule { Name = "" };
        var errors = await ApplyAsync(db, context.User.ToActor(), request, rule, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.AssignmentRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(context.Response, rule.Version);
        return TypedResults.Created($"/api/v1/assignment-rules/{rule.Id}", ToInfo(rule));
    }

    internal static async Task<Results<Ok<AssignmentRuleInfo>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid id, AssignmentRuleInput request, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var rule = await Writable(db, actor).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return ApiProblems.NotFound("assignment rule", id);
        }

        if (EntityTags.Check(context.Request, rule.Version) is not EntityTags.Precondition.Met and var precondition)
        {
            return EntityTags.Result(precondition);
        }

        var errors = await ApplyAsync(db, actor, request, rule, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        EntityTags.Set(context.Response, rule.Version);
        return TypedResults.Ok(ToInfo(rule));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var rule = await Writable(db, context.User.ToActor()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return ApiProblems.NotFound("assignment rule", id);
        }

        db.AssignmentRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A manager's team's rules, or every rule for an admin.</summary>
    private static IQueryable<AssignmentRule> Writable(PaceDbContext db, Actor actor) =>
        actor.IsAdmin ? db.AssignmentRules
        : actor is { IsManager: true, TeamId: { } team } ? db.AssignmentRules.Where(r => r.TeamId == team)
        : db.AssignmentRules.Where(_ => false);

    private static async Task<Dictionary<string, string[]>> ApplyAsync(
        PaceDbContext db, Actor actor, AssignmentRuleInput request, AssignmentRule rule, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var teamId = request.TeamId ?? (actor.IsAdmin ? null : actor.TeamId);
        if (teamId is null)
        {
            errors["teamId"] = ["teamId is required."];
        }
        else if (!actor.IsAdmin && teamId != actor.TeamId)
        {
            errors["teamId"] = ["A manager writes the rules of their own team only."];
        }
        else if (!await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            errors["teamId"] = [$"There is no team {teamId}."];
        }
        else
        {
            rule.TeamId = teamId.Value;
        }

        rule.Name = request.Name?.Trim() ?? "";
        if (rule.Name.Length is 0 or > 100)
        {
            errors["name"] = ["A name of 1 to 100 characters is required."];
        }

        rule.Priority = request.Priority ?? 100;
        if (rule.Priority is < 0 or > 10_000)
        {
            errors["priority"] = ["priority must be between 0 and 10000 (lower runs first)."];
        }

        if (request.Strategy is { } strategy)
        {
            rule.Strategy = strategy;
        }
        else
        {
            errors["strategy"] = [SnakeCaseNaming.OneOf<AssignmentStrategy>("strategy")];
        }

        rule.Purpose = request.Purpose;
        rule.PriceMin = request.PriceMin;
        rule.PriceMax = request.PriceMax;
        if (rule.PriceMin is < 0 || rule.PriceMax is < 0)
        {
            errors[rule.PriceMin is < 0 ? "priceMin" : "priceMax"] = ["Prices cannot be negative."];
        }
        else if (rule.PriceMin > rule.PriceMax)
        {
            errors["priceMax"] = ["priceMax must not be less than priceMin."];
        }

        rule.LocationIds = (request.LocationIds ?? []).Distinct().ToArray();
        var locationIds = rule.LocationIds;
        if (locationIds.Length > 50 || await db.Locations.CountAsync(l => locationIds.Contains(l.Id), cancellationToken) != locationIds.Length)
        {
            errors["locationIds"] = ["locationIds must be at most 50 locations of the location tree."];
        }

        rule.AgentIds = (request.AgentIds ?? []).Distinct().ToArray();
        var agentIds = rule.AgentIds;
        if (agentIds.Length > 0 && await db.Users.CountAsync(
                u => agentIds.Contains(u.Id) && u.IsActive && u.TeamId == teamId && u.Role != UserRole.Admin, cancellationToken) != agentIds.Length)
        {
            errors["agentIds"] = ["agentIds must be active agents or managers of the rule's team."];
        }

        rule.IsActive = request.IsActive ?? true;
        return errors;
    }
}
