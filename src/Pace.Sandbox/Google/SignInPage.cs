using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Pace.Sandbox.Google;

/// <summary>
/// The server-rendered pages of the sign-in flow. No inline script or style: the pages carry a strict
/// Content-Security-Policy and load one stylesheet (and, for <c>response_mode=form_post</c>, one script) from the twin.
/// </summary>
public static class SignInPage
{
    public const int ListedAccounts = 50;
    public const string FilterParameter = "sandbox_filter";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public sealed record Model(
        AuthorizationRequest Request,
        GoogleOAuthClientOptions Client,
        IReadOnlyList<DirectoryEntry> Accounts,
        int TotalAccounts,
        string? Filter,
        string? Error,
        string? TypedEmail);

    public static IResult Render(HttpContext context, Model model, int status = StatusCodes.Status200OK)
    {
        var action = context.Request.PathBase + GoogleEndpoints.BasePath + "/o/oauth2/v2/auth";
        var html = new StringBuilder(8192);
        Head(html, context, "Sign in - Google Accounts");
        html.Append("<main class=\"card\">");
        html.Append("<p class=\"banner\">PACE sandbox &middot; simulated Google sign-in, no real Google account is used</p>");
        html.Append("<h1>Choose an account</h1>");
        html.Append("<p class=\"subtitle\">to continue to <strong>")
            .Append(Html.Encode(string.IsNullOrEmpty(model.Client.DisplayName) ? model.Client.ClientId : model.Client.DisplayName))
            .Append("</strong></p>");
        if (model.Request.HostedDomain is { } hd)
        {
            html.Append("<p class=\"hint\">The app asked for an account of <strong>").Append(Html.Encode(hd))
                .Append("</strong> (<code>hd</code>); Google treats this as a hint, so other accounts can still be used.</p>");
        }

        if (model.Error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(Html.Encode(model.Error)).Append("</p>");
        }

        // Finding an account re-renders this page with the same OAuth parameters and a filter.
        html.Append("<form method=\"get\" action=\"").Append(Html.Encode(action)).Append("\" class=\"search\" role=\"search\">");
        Hidden(html, model.Request);
        html.Append("<label for=\"filter\">Find a Workspace account</label><div class=\"row\">")
            .Append("<input id=\"filter\" name=\"").Append(FilterParameter).Append("\" type=\"search\" value=\"")
            .Append(Html.Encode(model.Filter ?? "")).Append("\" placeholder=\"name, email, title or team\">")
            .Append("<button type=\"submit\" class=\"secondary\">Search</button></div></form>");

        html.Append("<form method=\"post\" action=\"").Append(Html.Encode(action)).Append("\" class=\"accounts\">");
        Hidden(html, model.Request);
        html.Append("<ul>");
        var hint = model.Request.LoginHint is { } h ? GoogleIds.NormalizeEmail(h) : null;
        foreach (var account in model.Accounts)
        {
            Account(html, context, account, hint);
        }

        html.Append("</ul></form>");
        if (model.Accounts.Count == 0)
        {
            html.Append("<p class=\"meta\">No Workspace account matches.</p>");
        }
        else if (model.TotalAccounts > model.Accounts.Count)
        {
            html.Append("<p class=\"meta\">Showing ")
                .Append(model.Accounts.Count.ToString(CultureInfo.InvariantCulture)).Append(" of ")
                .Append(model.TotalAccounts.ToString("N0", CultureInfo.InvariantCulture))
                .Append(" accounts; search to find others.</p>");
        }

        html.Append("<form method=\"post\" action=\"").Append(Html.Encode(action)).Append("\" class=\"other\">");
        Hidden(html, model.Request);
        html.Append("<label for=\"email\">Use another account</label><div class=\"row\">")
            .Append("<input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\" spellcheck=\"false\" value=\"")
            .Append(Html.Encode(model.TypedEmail ?? model.Request.LoginHint ?? "")).Append("\" placeholder=\"someone@example.com\">")
            .Append("<button type=\"submit\">Next</button></div>")
            .Append("<p class=\"meta\">Any address signs in. One outside the directory gets a name made from the address, and <code>hd</code> only when its domain belongs to the sandbox Workspace.</p></form>");

        html.Append("<form method=\"post\" action=\"").Append(Html.Encode(action)).Append("\" class=\"cancel\">");
        Hidden(html, model.Request);
        html.Append("<button type=\"submit\" name=\"cancel\" value=\"1\" class=\"link\">Cancel</button></form>");
        html.Append("</main></body></html>");
        return Page(context, html.ToString(), status, model.Request.RedirectUri);
    }

    /// <summary>Google's own error page ("Error 400: redirect_uri_mismatch"), shown when it cannot trust the redirect.</summary>
    public static IResult Error(HttpContext context, int status, string error, string description)
    {
        var html = new StringBuilder(2048);
        Head(html, context, "Error " + status.ToString(CultureInfo.InvariantCulture));
        html.Append("<main class=\"card\">");
        html.Append("<p class=\"banner\">PACE sandbox &middot; simulated Google sign-in</p>");
        html.Append("<h1>Access blocked: this app&rsquo;s request is invalid</h1>");
        html.Append("<p class=\"error\" role=\"alert\">Error ").Append(status.ToString(CultureInfo.InvariantCulture))
            .Append(": <code>").Append(Html.Encode(error)).Append("</code></p>");
        html.Append("<p>").Append(Html.Encode(description)).Append("</p>");
        html.Append("</main></body></html>");
        return Page(context, html.ToString(), status, formTarget: null);
    }

    /// <summary>The <c>response_mode=form_post</c> answer: a form that posts the code to the client.</summary>
    public static IResult FormPost(HttpContext context, string redirectUri, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = new StringBuilder(2048);
        Head(html, context, "Continue");
        html.Append("<main class=\"card\"><form method=\"post\" id=\"form_post\" action=\"").Append(Html.Encode(redirectUri)).Append("\">");
        foreach (var (name, value) in fields)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(name)).Append("\" value=\"").Append(Html.Encode(value)).Append("\">");
        }

        html.Append("<p>Signing you in&hellip;</p><button type=\"submit\">Continue</button></form>");
        html.Append("<script src=\"").Append(Html.Encode(AssetPath(context, "form_post.js"))).Append("\"></script>");
        html.Append("</main></body></html>");
        return Page(context, html.ToString(), StatusCodes.Status200OK, redirectUri);
    }

    public static string AssetPath(HttpContext context, string name) =>
        $"{context.Request.PathBase}{GoogleEndpoints.BasePath}/_sandbox/assets/{name}";

    private static void Account(StringBuilder html, HttpContext context, DirectoryEntry account, string? hint)
    {
        var user = account.User;
        var photo = $"{context.Request.PathBase}{GoogleEndpoints.BasePath}/_sandbox/photos/{account.Id}/{GoogleIds.Initials(user.GivenName, user.FamilyName)}.svg";
        var classes = account.Email == hint ? "account hinted" : "account";
        html.Append("<li><button type=\"submit\" name=\"email\" value=\"").Append(Html.Encode(account.Email))
            .Append("\" class=\"").Append(classes).Append('"').Append(user.Suspended ? " disabled" : "").Append('>')
            .Append("<img src=\"").Append(Html.Encode(photo)).Append("\" alt=\"\" width=\"36\" height=\"36\">")
            .Append("<span class=\"who\"><span class=\"name\">").Append(Html.Encode(user.FullName)).Append("</span>")
            .Append("<span class=\"email\">").Append(Html.Encode(account.Email)).Append("</span>")
            .Append("<span class=\"meta\">");
        var meta = new[] { user.Title, user.OrgUnitPath, user.IsAdmin ? "Admin" : null, user.Suspended ? "Suspended" : null }
            .Where(s => !string.IsNullOrEmpty(s));
        html.Append(Html.Encode(string.Join(" · ", meta))).Append("</span></span></button></li>");
    }

    private static void Hidden(StringBuilder html, AuthorizationRequest request)
    {
        foreach (var (name, value) in request.Values)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(name)).Append("\" value=\"").Append(Html.Encode(value)).Append("\">");
        }
    }

    private static void Head(StringBuilder html, HttpContext context, string title) =>
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(Html.Encode(title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Html.Encode(AssetPath(context, "signin.css"))).Append("\">")
            .Append("</head><body>");

    private static ContentHttpResult Page(HttpContext context, string html, int status, string? formTarget)
    {
        var headers = context.Response.Headers;
        // Browsers apply form-action to the redirect that follows a form post, so the client's origin is allowed too.
        var formAction = "'self'";
        if (formTarget is not null && Uri.TryCreate(formTarget, UriKind.Absolute, out var target))
        {
            formAction += " " + target.GetLeftPart(UriPartial.Authority);
        }

        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; form-action {formAction}; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
