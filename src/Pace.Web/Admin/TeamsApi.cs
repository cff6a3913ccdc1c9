using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Data;
using Pace.Identity;
using Pace.Web.Common;

namespace Pace.Web.Admin;

/// <summary>Teams and their managers. A brokerage has a handful of teams, so the list is one page.</summary>
public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListTeams");
        group.MapPost("/", CreateAsync).WithName("CreateTeam").ProducesProblems(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateTeam").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Ok<List<TeamInfo>>> ListAsync(PaceDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Project(db, db.Teams.OrderBy(t => t.Name)).ToListAsync(cancellationToken));

    internal static async Task<Results<Created<TeamInfo>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTeamRequest request, PaceDbContext db, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var name = ValidateName(request.Name, errors);
        await ValidateManagerAsync(db, request.ManagerId, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await db.Teams.AnyAsync(t => t.Name == name, cancellationToken))
        {
            return DuplicateName(name);
        }

        var team = new Team { Name = name, ManagerId = request.ManagerId };
        db.Teams.Add(team);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return DuplicateName(name);
        }

        return TypedResults.Created($"/api/v1/admin/teams/{team.Id}", await Project(db, db.Teams.Where(t => t.Id == team.Id)).SingleAsync(cancellationToken));
    }

    internal static async Task<Results<Ok<TeamInfo>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateTeamRequest request, PaceDbContext db, CancellationToken cancellationToken)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return ApiProblems.NotFound("team", id);
        }

        var errors = ApiProblems.Errors();
        if (request.Name is not null)
        {
            team.Name = ValidateName(request.Name, errors);
        }

        if (request.HasManagerId)
        {
            await ValidateManagerAsync(db, request.ManagerId, errors, cancellationToken);
            team.ManagerId = request.ManagerId;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (request.Name is not null && await db.Teams.AnyAsync(t => t.Name == team.Name && t.Id != id, cancellationToken))
        {
            return DuplicateName(team.Name);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return DuplicateName(team.Name);
        }

        return TypedResults.Ok(await Project(db, db.Teams.Where(t => t.Id == id)).SingleAsync(cancellationToken));
    }

    private static IQueryable<TeamInfo> Project(PaceDbContext db, IQueryable<Team> teams) =>
        teams.AsNoTracking().Select(t => new TeamInfo(
            t.Id,
            t.Name,
            t.ManagerId,
            t.Manager != null ? t.Manager.DisplayName : null,
            db.Users.Count(u => u.TeamId == t.Id && u.IsActive),
            t.CreatedAt,
            t.UpdatedAt));

    private static string ValidateName(string? value, Dictionary<string, string[]> errors)
    {
        var name = value?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors["name"] = ["A name of 1 to 100 characters is required."];
        }

        return name;
    }

    private static async Task ValidateManagerAsync(PaceDbContext db, Guid? managerId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (managerId is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.IsActive && u.Role == UserRole.Manager, cancellationToken))
        {
            errors["managerId"] = ["The manager must be an active user with the manager role."];
        }
    }

    private static ProblemHttpResult DuplicateName(string name) =>
        ApiProblems.Conflict("Duplicate team name", $"A team named '{name}' already exists.");
}
