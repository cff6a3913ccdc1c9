using Microsoft.AspNetCore.Authentication;

namespace Pace.Web.Identity.Tokens;

/// <summary>The Authenticator: machine tokens (client credentials, RS256) and personal API tokens.</summary>
public static class TokensModule
{
    public static AuthenticationBuilder AddPaceTokens(this AuthenticationBuilder authentication, WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return authentication;
    }
}
