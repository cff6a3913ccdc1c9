using System.Security.Claims;
using Pace.Identity;

namespace Pace.Web.Identity;

/// <summary>The claim types PACE puts in its cookies and tokens.</summary>
public static class PaceClaims
{
    /// <summary>The user's id (Pace DB <c>users.id</c>); in tokens, the JWT <c>sub</c>.</summary>
    public const string UserId = "sub";

    public const string Email = "email";

    public const string Name = "name";

    /// <summary><c>agent</c>, <c>manager</c> or <c>admin</c>.</summary>
    public const string Role = "role";

    public const string TeamId = "team";

    /// <summary>The browser session (<c>user_sessions.id</c>) a cookie belongs to.</summary>
    public const string SessionId = "sid";

    /// <summary>The machine client that holds the token (<c>machine_clients.client_id</c>).</summary>
    public const string ClientId = "client_id";

    /// <summary>Space-separated scopes (OAuth 2.0), one claim per scope once parsed.</summary>
    public const string Scope = "scope";
}

/// <summary>The authentication schemes of pace-web.</summary>
public static class PaceSchemes
{
    /// <summary>Chooses the scheme from the request: a bearer token, or the session cookie.</summary>
    public const string Default = "pace";

    public const string Cookie = "pace-cookie";

    /// <summary>Google sign-in (OIDC authorization-code flow with PKCE), only ever challenged, never authenticated.</summary>
    public const string Google = "google";

    /// <summary>RS256 JWTs issued by <c>/oauth/token</c>.</summary>
    public const string Jwt = "pace-jwt";

    /// <summary>Personal API tokens (<c>pace_pat_…</c>).</summary>
    public const string PersonalToken = "pace-pat";
}

/// <summary>The authorization policies endpoints declare.</summary>
public static class PacePolicies
{
    /// <summary>Any signed-in member of staff (a person, through a cookie, a personal token or a delegated token).</summary>
    public const string Staff = "staff";

    public const string ManagerOrAdmin = "manager-or-admin";

    public const string Admin = "admin";

    /// <summary>
    /// Reading the API's description (the OpenAPI document and <c>/api/v1/schema</c>): staff, and machine clients of the
    /// AI suite (scope <c>ai</c>, INTF-AI-02) that read it without acting for a person.
    /// </summary>
    public const string ApiReader = "api-reader";
}

public static class ActorClaims
{
    /// <summary>The actor a principal stands for, from the claims of its cookie or token.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        Guid? userId = Guid.TryParse(principal.FindFirstValue(PaceClaims.UserId), out var id) ? id : null;
        UserRole? role = Enum.TryParse<UserRole>(principal.FindFirstValue(PaceClaims.Role), ignoreCase: true, out var r) ? r : null;
        Guid? teamId = Guid.TryParse(principal.FindFirstValue(PaceClaims.TeamId), out var team) ? team : null;
        var scopes = principal.FindAll(PaceClaims.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return new Actor(userId, role, teamId, principal.FindFirstValue(PaceClaims.ClientId), scopes);
    }
}
