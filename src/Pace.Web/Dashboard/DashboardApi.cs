using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Common;
using Pace.Data;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Dashboard;

/// <summary>The manager's team dashboard: a manager reads their own team's, an admin any team's or the whole brokerage's.</summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.ManagerOrAdmin);
        group.MapGet("/team", TeamAsync).WithName("GetTeamDashboard").ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// teamId: a manager's own by default; an admin leaving it out sees the whole brokerage. from and to: Dubai
    /// days, both included; by default the 30 days to today.
    /// </summary>
    internal static async Task<Results<Ok<TeamDashboard>, ValidationProblem, ProblemHttpResult>> TeamAsync(
        HttpContext context, PaceDbContext db, TimeProvider clock, Guid? teamId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var last = to ?? DubaiTime.DateOf(clock.GetUtcNow());
        var first = from ?? last.AddDays(-29);
        var errors = ApiProblems.Errors();
        if (first > last)
        {
            errors["from"] = ["from must not be after to."];
        }
        else if (last.DayNumber - first.DayNumber >= TeamDashboards.MaxDays)
        {
            errors["from"] = [$"The period is at most {TeamDashboards.MaxDays} days."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var team = teamId ?? (actor.IsAdmin ? null : actor.TeamId);
        if (!actor.IsAdmin && (team is null || team != actor.TeamId))
        {
            // A manager's dashboard is their team's; another team's does not exist for them.
            return ApiProblems.NotFound("team", team ?? Guid.Empty);
        }

        var name = team is null ? "All teams" : await db.Teams.Where(t => t.Id == team).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return ApiProblems.NotFound("team", team!.Value);
        }

        return TypedResults.Ok(await TeamDashboards.BuildAsync(db, team, name, first, last, cancellationToken));
    }
}
