using Microsoft.Extensions.Primitives;

namespace Pace.Sandbox.Google;

/// <summary>The parameters of a request to Google's authorization endpoint (query on GET, echoed form fields on POST).</summary>
public sealed class AuthorizationRequest
{
    /// <summary>The parameters the twin understands; only these travel through the sign-in page.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge",
        "code_challenge_method", "hd", "login_hint", "prompt", "access_type", "response_mode", "include_granted_scopes",
    ];

    private readonly Dictionary<string, string> _values;

    private AuthorizationRequest(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? ClientId => Get("client_id");

    public string? RedirectUri => Get("redirect_uri");

    public string? ResponseType => Get("response_type");

    public string? Scope => Get("scope");

    public string? State => Get("state");

    public string? Nonce => Get("nonce");

    public string? CodeChallenge => Get("code_challenge");

    public string? CodeChallengeMethod => Get("code_challenge_method");

    public string? HostedDomain => Get("hd");

    public string? LoginHint => Get("login_hint");

    public string? Prompt => Get("prompt");

    public string? AccessType => Get("access_type");

    public string? ResponseMode => Get("response_mode");

    public static AuthorizationRequest From(IEnumerable<KeyValuePair<string, StringValues>> source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            if (Names.Contains(key) && value.Count > 0 && value[0] is { } first)
            {
                values[key] = first;
            }
        }

        return new AuthorizationRequest(values);
    }

    private string? Get(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}

/// <summary>What checking an authorization request decided, in Google's order of checks.</summary>
public abstract record AuthorizationDecision
{
    /// <summary>The client or redirect URI cannot be trusted: Google shows an error page and never redirects.</summary>
    public sealed record ErrorPage(int Status, string Error, string Description) : AuthorizationDecision;

    /// <summary>The client and redirect URI are good, the request is not: back to the client with <c>error=</c>.</summary>
    public sealed record RedirectError(GoogleOAuthClientOptions Client, string Error, string Description) : AuthorizationDecision;

    public sealed record Accepted(GoogleOAuthClientOptions Client, IReadOnlyList<string> Scopes, bool Offline, bool PromptNone) : AuthorizationDecision;

    public static AuthorizationDecision Check(AuthorizationRequest request, GoogleSandboxOptions options)
    {
        if (request.ClientId is null)
        {
            return new ErrorPage(400, "invalid_request", "Missing required parameter: client_id");
        }

        var client = options.Clients.FirstOrDefault(c => string.Equals(c.ClientId, request.ClientId, StringComparison.Ordinal));
        if (client is null)
        {
            return new ErrorPage(401, "invalid_client", "The OAuth client was not found.");
        }

        if (request.RedirectUri is null)
        {
            return new ErrorPage(400, "invalid_request", "Missing required parameter: redirect_uri");
        }

        if (!client.RedirectUris.Contains(request.RedirectUri, StringComparer.Ordinal))
        {
            return new ErrorPage(400, "redirect_uri_mismatch",
                $"The redirect URI in the request, {request.RedirectUri}, does not match the ones authorized for the OAuth client.");
        }

        if (request.ResponseMode is not (null or "query" or "form_post"))
        {
            return new RedirectError(client, "invalid_request", $"Invalid response_mode: {request.ResponseMode}");
        }

        if (request.ResponseType is null)
        {
            return new RedirectError(client, "invalid_request", "Missing required parameter: response_type");
        }

        if (request.ResponseType != "code")
        {
            return new RedirectError(client, "unsupported_response_type", $"The sandbox supports response_type=code only, not '{request.ResponseType}'.");
        }

        var scopes = GoogleScopes.Split(request.Scope);
        if (scopes.Count == 0)
        {
            return new RedirectError(client, "invalid_request", "Missing required parameter: scope");
        }

        var unknown = scopes.Where(s => !GoogleScopes.IsKnown(s)).ToList();
        if (unknown.Count > 0)
        {
            return new RedirectError(client, "invalid_scope", $"Some requested scopes were invalid. {{invalid=[{string.Join(", ", unknown)}]}}");
        }

        if (!scopes.Contains(GoogleScopes.OpenId))
        {
            return new RedirectError(client, "invalid_scope", "Sign-in needs the openid scope.");
        }

        if (request.CodeChallengeMethod is not null && request.CodeChallenge is null)
        {
            return new RedirectError(client, "invalid_request", "code_challenge_method was sent without code_challenge.");
        }

        if (request.CodeChallengeMethod is not (null or "S256" or "plain"))
        {
            return new RedirectError(client, "invalid_request", $"Invalid code_challenge_method: {request.CodeChallengeMethod}");
        }

        if (request.CodeChallenge is not null && !GoogleIds.IsPkceValue(request.CodeChallenge))
        {
            return new RedirectError(client, "invalid_request", "Invalid code_challenge.");
        }

        if (request.AccessType is not (null or "online" or "offline"))
        {
            return new RedirectError(client, "invalid_request", $"Invalid access_type: {request.AccessType}");
        }

        var prompts = GoogleScopes.Split(request.Prompt);
        if (prompts.Any(p => p is not ("none" or "consent" or "select_account")) || (prompts.Contains("none") && prompts.Count > 1))
        {
            return new RedirectError(client, "invalid_request", $"Invalid prompt: {request.Prompt}");
        }

        return new Accepted(client, GoogleScopes.Granted(scopes), request.AccessType == "offline", prompts.Contains("none"));
    }
}
