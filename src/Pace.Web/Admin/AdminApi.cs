using Microsoft.AspNetCore.Http.HttpResults;
using Pace.Web.Identity;

namespace Pace.Web.Admin;

/// <summary>The Admin's management of people and teams, under <c>/api/v1/admin</c>; admins only.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Admin);
        group.MapGroup("/users").MapUsersApi();
        group.MapGroup("/teams").MapTeamsApi();
        return group;
    }

    internal static ProblemHttpResult NotFound(string what, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what} {id}.");

    internal static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    internal static Dictionary<string, string[]> Errors() => new(StringComparer.Ordinal);
}
