using Microsoft.Net.Http.Headers;
using Pace.Identity;
using Pace.Web.Identity.Directory;
using Pace.Web.Identity.SignIn;
using Pace.Web.Identity.Tokens;

namespace Pace.Web.Identity;

public static class IdentityModule
{
    /// <summary>Personal API tokens start with this, so the request's scheme is known without parsing a JWT.</summary>
    public const string PersonalTokenPrefix = "pace_pat_";

    /// <summary>
    /// Authentication (browser sessions through Google sign-in; machine and personal bearer tokens) and the
    /// authorization policies. Every endpoint requires <see cref="PacePolicies.Staff"/> unless it says otherwise.
    /// </summary>
    public static WebApplicationBuilder AddPaceIdentity(this WebApplicationBuilder builder)
    {
        var authentication = builder.Services.AddAuthentication(PaceSchemes.Default)
            .AddPolicyScheme(PaceSchemes.Default, "PACE", o => o.ForwardDefaultSelector = SelectScheme);
        authentication.AddPaceSignIn(builder);
        authentication.AddPaceTokens(builder);
        builder.Services.AddDirectorySync(builder.Configuration);

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(StaffPolicy())
            .AddPolicy(PacePolicies.Staff, StaffPolicy())
            .AddPolicy(PacePolicies.ManagerOrAdmin, p => p.RequireAuthenticatedUser()
                .RequireClaim(PaceClaims.Role, RoleName(UserRole.Manager), RoleName(UserRole.Admin)))
            .AddPolicy(PacePolicies.Admin, p => p.RequireAuthenticatedUser().RequireClaim(PaceClaims.Role, RoleName(UserRole.Admin)))
            .AddPolicy(PacePolicies.ApiReader, p => p.AddAuthenticationSchemes(PaceSchemes.Default).RequireAuthenticatedUser()
                .RequireAssertion(c => (c.User.HasClaim(h => h.Type == PaceClaims.UserId) && c.User.HasClaim(h => h.Type == PaceClaims.Role))
                    || ScopePolicy.HasScope(c.User, TokenScopes.Ai)));
        return builder;
    }

    public static string RoleName(UserRole role) => role.ToString().ToLowerInvariant();

    /// <summary>
    /// Whether the request is authenticated by the browser's session cookie rather than a bearer token: a browser
    /// sends cookies to any site's forms, so such a request must also carry the antiforgery token to change anything.
    /// </summary>
    public static bool IsBrowserSession(HttpContext context) => SelectScheme(context) == PaceSchemes.Cookie;

    private static Microsoft.AspNetCore.Authorization.AuthorizationPolicy StaffPolicy() =>
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(PaceSchemes.Default)
            .RequireAuthenticatedUser()
            .RequireClaim(PaceClaims.UserId)
            .RequireClaim(PaceClaims.Role)
            .Build();

    private static string SelectScheme(HttpContext context)
    {
        string authorization = context.Request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization.AsSpan(7).TrimStart().StartsWith(PersonalTokenPrefix, StringComparison.Ordinal)
                ? PaceSchemes.PersonalToken
                : PaceSchemes.Jwt;
        }

        return PaceSchemes.Cookie;
    }
}
