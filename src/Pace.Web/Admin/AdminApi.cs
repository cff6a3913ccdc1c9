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
        group.MapGroup("/reference").MapReferenceApi();
        group.MapGroup("/settings").MapSettingsApi();
        return group;
    }
}
