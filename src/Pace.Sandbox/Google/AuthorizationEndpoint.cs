using System.Net.Mail;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Pace.Sandbox.Google;

/// <summary>
/// Google's authorization endpoint (<c>accounts.google.com/o/oauth2/v2/auth</c>): GET shows the account chooser,
/// POST (the chooser's forms) signs the chosen account in and sends the browser back with a one-time code.
/// </summary>
public static class AuthorizationEndpoint
{
    public static RouteGroupBuilder MapAuthorizationEndpoint(this RouteGroupBuilder google)
    {
        google.MapGet("/o/oauth2/v2/auth", Show).WithName("GoogleAuthorize").ExcludeFromDescription();
        google.MapPost("/o/oauth2/v2/auth", SignInAsync).WithName("GoogleSignIn").ExcludeFromDescription();
        return google;
    }

    private static IResult Show(HttpContext context, IOptions<GoogleSandboxOptions> options, WorkspaceDirectory directory)
    {
        var request = AuthorizationRequest.From(context.Request.Query);
        switch (AuthorizationDecision.Check(request, options.Value))
        {
            case AuthorizationDecision.ErrorPage page:
                return SignInPage.Error(context, page.Status, page.Error, page.Description);
            case AuthorizationDecision.RedirectError error:
                return RedirectError(context, request, error.Error, error.Description);
            case AuthorizationDecision.Accepted { PromptNone: true }:
                // The twin keeps no Google session in the browser, so silent sign-in always needs a login.
                return RedirectError(context, request, "login_required", "The user is not signed in.");
            case AuthorizationDecision.Accepted accepted:
                var filter = context.Request.Query[SignInPage.FilterParameter].ToString();
                return SignInPage.Render(context, Chooser(request, accepted.Client, directory, filter, error: null, typedEmail: null));
            default:
                throw new InvalidOperationException("Unhandled authorization decision.");
        }
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context,
        IOptions<GoogleSandboxOptions> options,
        WorkspaceDirectory directory,
        GrantStore grants,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        if (!context.Request.HasFormContentType)
        {
            return SignInPage.Error(context, StatusCodes.Status400BadRequest, "invalid_request", "Expected a form post.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var request = AuthorizationRequest.From(form);
        AuthorizationDecision.Accepted accepted;
        switch (AuthorizationDecision.Check(request, options.Value))
        {
            case AuthorizationDecision.ErrorPage page:
                return SignInPage.Error(context, page.Status, page.Error, page.Description);
            case AuthorizationDecision.RedirectError error:
                return RedirectError(context, request, error.Error, error.Description);
            case AuthorizationDecision.Accepted a:
                accepted = a;
                break;
            default:
                throw new InvalidOperationException("Unhandled authorization decision.");
        }

        if (form.ContainsKey("cancel"))
        {
            return RedirectError(context, request, "access_denied", "The user cancelled the sign-in.");
        }

        var typed = form["email"].ToString().Trim();
        if (!MailAddress.TryCreate(typed, out var address) || address.Address != typed || !GoogleIds.DomainOf(typed).Contains('.', StringComparison.Ordinal))
        {
            return SignInPage.Render(
                context,
                Chooser(request, accepted.Client, directory, filter: null, error: "Enter a valid email address.", typedEmail: typed),
                StatusCodes.Status400BadRequest);
        }

        var email = GoogleIds.NormalizeEmail(typed);
        var entry = directory.Find(email);
        if (entry?.User.Suspended == true)
        {
            return SignInPage.Render(
                context,
                Chooser(request, accepted.Client, directory, filter: null, error: $"{email} has been suspended by the Workspace administrator.", typedEmail: typed),
                StatusCodes.Status403Forbidden);
        }

        var endpoints = GoogleEndpoints.For(context, options.Value);
        var identity = IdentityFor(email, entry, directory, endpoints);
        var code = grants.IssueCode(new AuthorizationCodeGrant(
            accepted.Client.ClientId,
            request.RedirectUri!,
            accepted.Scopes,
            request.CodeChallenge,
            request.CodeChallenge is null ? null : request.CodeChallengeMethod ?? "plain",
            request.Nonce,
            accepted.Offline,
            identity,
            time.GetUtcNow() + options.Value.AuthorizationCodeLifetime));
        if (entry is not null)
        {
            directory.RecordLogin(email);
        }

        var logger = loggers.CreateLogger(typeof(AuthorizationEndpoint));
        GoogleLog.SignedIn(logger, email, accepted.Client.ClientId, entry is not null);

        var response = new List<KeyValuePair<string, string>>();
        if (request.State is not null)
        {
            response.Add(new("state", request.State));
        }

        response.Add(new("code", code));
        response.Add(new("scope", string.Join(' ', accepted.Scopes)));
        response.Add(new("authuser", "0"));
        if (identity.HostedDomain is not null)
        {
            response.Add(new("hd", identity.HostedDomain));
        }

        response.Add(new("prompt", GoogleScopes.Split(request.Prompt).Contains("consent") ? "consent" : "none"));
        return Respond(context, request, response);
    }

    /// <summary>The identity an address signs in as: the directory's account, or one made up from the address.</summary>
    public static GoogleIdentity IdentityFor(string email, DirectoryEntry? entry, WorkspaceDirectory directory, GoogleEndpoints endpoints)
    {
        var (given, family) = entry is null
            ? GoogleIds.NameFromEmail(email)
            : (entry.User.GivenName, string.IsNullOrEmpty(entry.User.FamilyName) ? null : entry.User.FamilyName);
        var domain = GoogleIds.DomainOf(email);
        var subject = GoogleIds.SubjectFor(email);
        return new GoogleIdentity(
            subject,
            email,
            EmailVerified: true,
            directory.IsWorkspaceDomain(domain) ? domain : null,
            family is null ? given : $"{given} {family}",
            given,
            family,
            endpoints.Photo(subject, GoogleIds.Initials(given, family)));
    }

    private static SignInPage.Model Chooser(
        AuthorizationRequest request,
        GoogleOAuthClientOptions client,
        WorkspaceDirectory directory,
        string? filter,
        string? error,
        string? typedEmail)
    {
        var all = directory.Snapshot();
        IEnumerable<DirectoryEntry> matching = all;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var f = filter.Trim();
            matching = all.Where(e =>
                e.Email.Contains(f, StringComparison.OrdinalIgnoreCase)
                || e.User.FullName.Contains(f, StringComparison.OrdinalIgnoreCase)
                || (e.User.Title?.Contains(f, StringComparison.OrdinalIgnoreCase) ?? false)
                || e.User.OrgUnitPath.Contains(f, StringComparison.OrdinalIgnoreCase));
        }

        var listed = matching
            .OrderByDescending(e => e.User.IsAdmin)
            .ThenBy(e => e.User.Suspended)
            .ThenBy(e => e.User.FullName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Email, StringComparer.Ordinal)
            .ToList();
        return new SignInPage.Model(request, client, listed.Take(SignInPage.ListedAccounts).ToList(), listed.Count, filter, error, typedEmail);
    }

    private static IResult RedirectError(HttpContext context, AuthorizationRequest request, string error, string description)
    {
        var fields = new List<KeyValuePair<string, string>> { new("error", error), new("error_description", description) };
        if (request.State is not null)
        {
            fields.Add(new("state", request.State));
        }

        return Respond(context, request, fields);
    }

    private static IResult Respond(HttpContext context, AuthorizationRequest request, List<KeyValuePair<string, string>> fields)
    {
        if (request.ResponseMode == "form_post")
        {
            return SignInPage.FormPost(context, request.RedirectUri!, fields);
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect(QueryHelpers.AddQueryString(
            request.RedirectUri!, fields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value))));
    }
}
