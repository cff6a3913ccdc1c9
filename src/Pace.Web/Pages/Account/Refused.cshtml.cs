using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Web.Identity.SignIn;

namespace Pace.Web.Pages.Account;

/// <summary>Why PACE did not sign someone in (or, without a reason, why it refused a page), with the fitting status.</summary>
[AllowAnonymous]
public sealed class RefusedModel : PageModel
{
    public SignInRefusal Refusal { get; private set; } = SignInRefusal.Forbidden;

    public void OnGet(string? reason)
    {
        Refusal = reason is null ? SignInRefusal.Forbidden : SignInRefusal.FromCode(reason);
        Response.StatusCode = Refusal.Status;
        Response.Headers.CacheControl = "no-store";
    }
}
