using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Pace.Web.Identity.SignIn;

namespace Pace.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel : PageModel
{
    public string ChallengeUrl { get; private set; } = SignInModule.ChallengePath;

    public string? SignedOut { get; private set; }

    public void OnGet(string? returnUrl, string? signedOut)
    {
        SignedOut = signedOut is "1" or "all" ? signedOut : null;
        ChallengeUrl = QueryHelpers.AddQueryString(SignInModule.ChallengePath, "returnUrl", SignInModule.LocalUrl(returnUrl));
    }
}
