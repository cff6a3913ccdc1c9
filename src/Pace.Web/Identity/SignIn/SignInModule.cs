using Microsoft.AspNetCore.Authentication;

namespace Pace.Web.Identity.SignIn;

/// <summary>Browser sign-in: the session cookie and Google (OIDC code flow with PKCE).</summary>
public static class SignInModule
{
    public static AuthenticationBuilder AddPaceSignIn(this AuthenticationBuilder authentication, WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return authentication.AddCookie(PaceSchemes.Cookie);
    }
}
