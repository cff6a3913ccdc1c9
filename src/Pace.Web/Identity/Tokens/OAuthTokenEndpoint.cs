using System.Text;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Pace.Data;
using Pace.Data.Audit;
using Pace.Identity;
using Pace.Web.Audit;

namespace Pace.Web.Identity.Tokens;

/// <summary>
/// <c>POST /oauth/token</c>: the client-credentials grant (RFC 6749 §4.4) and the token exchange (RFC 8693) by which a
/// machine client acts for a person. Errors use OAuth's JSON shape (RFC 6749 §5.2), not ProblemDetails: OAuth client
/// libraries read <c>error</c> from it.
/// </summary>
internal static class OAuthTokenEndpoint
{
    public const string RateLimitPolicy = "oauth-token";
    public const string ClientCredentials = "client_credentials";
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    public const string JwtTokenType = "urn:ietf:params:oauth:token-type:jwt";

    public static async Task<IResult> HandleAsync(
        HttpContext context, PaceDbContext db, TokenIssuer issuer, PersonalTokenValidator personalTokens,
        ClientRateLimiter limiter, TimeProvider clock, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
        {
            return Error(400, "invalid_request", "The request must be application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var grantType = form["grant_type"].ToString();
        if (!TryReadClientCredentials(context.Request, form, out var clientId, out var secret))
        {
            return Error(400, "invalid_request", "Authenticate the client with one method: HTTP Basic or client_id and client_secret in the body.");
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return InvalidClient();
        }

        using var lease = limiter.Acquire(clientId);
        if (!lease.IsAcquired)
        {
            context.Response.Headers.RetryAfter = "60";
            return Error(429, "temporarily_unavailable", "Too many token requests for this client; retry later.");
        }

        var client = await db.MachineClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (client is null || !client.IsActive || string.IsNullOrEmpty(secret) || !TokenSecrets.Verify(secret, client.SecretHash))
        {
            var reason = client is null ? "unknown_client" : !client.IsActive ? "inactive_client" : "wrong_secret";
            await RefuseAsync(db, context, clock, clientId, client?.Id, grantType, reason, cancellationToken);
            return InvalidClient();
        }

        var requested = TokenScopes.Parse(form["scope"]);
        if (grantType is not (ClientCredentials or TokenExchange))
        {
            await RefuseAsync(db, context, clock, clientId, client.Id, grantType, "unsupported_grant_type", cancellationToken);
            return Error(400, "unsupported_grant_type", "Supported: client_credentials and token exchange (RFC 8693).");
        }

        if (requested.FirstOrDefault(s => !client.Scopes.Contains(s, StringComparer.Ordinal)) is { } notGranted)
        {
            await RefuseAsync(db, context, clock, clientId, client.Id, grantType, "invalid_scope", cancellationToken);
            return Error(400, "invalid_scope", $"Scope '{notGranted}' is not granted to this client.");
        }

        var scopes = requested.Length > 0 ? requested : client.Scopes;
        User? person = null;
        if (grantType == TokenExchange)
        {
            var subjectToken = form["subject_token"].ToString();
            var subjectType = form["subject_token_type"].ToString();
            var wanted = form["requested_token_type"].ToString();
            if (subjectToken.Length == 0 || subjectType is not (AccessTokenType or JwtTokenType) || wanted is not ("" or AccessTokenType))
            {
                return Error(400, "invalid_request", "subject_token and subject_token_type (access_token or jwt) are required; only access tokens are issued.");
            }

            person = await ResolvePersonAsync(subjectToken, context, db, issuer, personalTokens, cancellationToken);
            if (person is null)
            {
                await RefuseAsync(db, context, clock, clientId, client.Id, grantType, "invalid_subject_token", cancellationToken);
                return Error(400, "invalid_grant", "The subject token does not identify an active person.");
            }
        }

        var token = await issuer.IssueAccessTokenAsync(client.ClientId, scopes, person, cancellationToken);
        db.Record(context, clock, "token.issued", "machine_client", client.Id,
            new { client_id = client.ClientId, grant_type = grantType, scopes, sub = person?.Id.ToString() ?? client.ClientId, jti = token.Id },
            actorUserId: person?.Id, actorClient: client.ClientId);
        await db.SaveChangesAsync(cancellationToken);
        await db.MachineClients.Where(c => c.Id == client.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, clock.GetUtcNow()), cancellationToken);

        var response = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["access_token"] = token.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)token.Lifetime.TotalSeconds,
            ["scope"] = string.Join(' ', scopes),
        };
        if (person is not null)
        {
            response["issued_token_type"] = AccessTokenType;
        }

        return Results.Json(response);
    }

    private static async Task<User?> ResolvePersonAsync(
        string subjectToken, HttpContext context, PaceDbContext db, TokenIssuer issuer, PersonalTokenValidator personalTokens,
        CancellationToken cancellationToken)
    {
        if (subjectToken.StartsWith(TokenSecrets.PersonalTokenPrefix, StringComparison.Ordinal))
        {
            return (await personalTokens.ValidateAsync(subjectToken, context, cancellationToken)).User;
        }

        return await issuer.ValidateUserAssertionAsync(subjectToken, cancellationToken) is { } userId
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.IsActive, cancellationToken)
            : null;
    }

    /// <summary>RFC 6749 §2.3.1: Basic (form-encoded id and secret) or both in the body, never both ways at once.</summary>
    private static bool TryReadClientCredentials(HttpRequest request, IFormCollection form, out string? clientId, out string? secret)
    {
        clientId = form["client_id"].ToString();
        secret = form.ContainsKey("client_secret") ? form["client_secret"].ToString() : null;
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (secret is not null)
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            var basicId = FormDecode(decoded[..colon]);
            if (clientId.Length > 0 && clientId != basicId)
            {
                return false;
            }

            clientId = basicId;
            secret = FormDecode(decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static async Task RefuseAsync(
        PaceDbContext db, HttpContext context, TimeProvider clock, string clientId, Guid? clientRowId, string grantType, string reason,
        CancellationToken cancellationToken)
    {
        db.Record(context, clock, "token.refused", "machine_client", clientRowId,
            new { client_id = AuditLog.Truncate(clientId, 100), grant_type = AuditLog.Truncate(grantType, 100), reason },
            actorClient: clientId);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static OAuthError InvalidClient() => new OAuthError(401, "invalid_client", "Client authentication failed.");

    private static OAuthError Error(int status, string error, string description) => new OAuthError(status, error, description);

    /// <summary>RFC 6749 §5.2; a 401 also says how to authenticate (§5.2: WWW-Authenticate for Basic).</summary>
    private sealed class OAuthError(int status, string error, string description) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"pace-web\"";
            }

            return httpContext.Response.WriteAsJsonAsync(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["error"] = error,
                ["error_description"] = description,
            });
        }
    }
}

/// <summary>Per-client-id limit on <c>/oauth/token</c> (the id is only known once the form is read).</summary>
public sealed class ClientRateLimiter(IOptions<TokenOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(clientId =>
        RateLimitPartition.GetFixedWindowLimiter(clientId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.TokenRequestsPerMinutePerClient,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }), StringComparer.Ordinal);

    public RateLimitLease Acquire(string clientId) => _limiter.AttemptAcquire(clientId);

    public void Dispose() => _limiter.Dispose();
}
