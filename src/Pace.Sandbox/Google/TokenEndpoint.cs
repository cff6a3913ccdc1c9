using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pace.Sandbox.Google;

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("id_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IdToken,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken);

/// <summary>
/// Google's token endpoint (<c>oauth2.googleapis.com/token</c>): the authorization-code grant (client secret by
/// post body or Basic, PKCE), refresh tokens, and the JWT-bearer grant of service accounts with domain-wide delegation.
/// </summary>
public static class TokenEndpoint
{
    public const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private const string ShortLived =
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.";

    /// <summary>How far Google lets an assertion's clock be off.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new();

    public static RouteGroupBuilder MapTokenEndpoint(this RouteGroupBuilder google)
    {
        google.MapPost("/token", TokenAsync).WithName("GoogleToken").ExcludeFromDescription();
        google.MapPost("/revoke", RevokeAsync).WithName("GoogleRevoke").ExcludeFromDescription();
        return google;
    }

    private static async Task<IResult> TokenAsync(HttpContext context, IServiceProvider services)
    {
        context.Response.Headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
        {
            return GoogleErrors.OAuth("invalid_request", "The request body must be application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = form["grant_type"].ToString();
        var token = new TokenContext(context, form, services);
        return grantType switch
        {
            "authorization_code" => token.AuthorizationCode(),
            "refresh_token" => token.RefreshToken(),
            JwtBearer => await token.JwtBearerAsync(),
            _ => GoogleErrors.OAuth("unsupported_grant_type", $"Invalid grant_type: {grantType}"),
        };
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, GrantStore grants)
    {
        var token = context.Request.Query["token"].ToString();
        if (token.Length == 0 && context.Request.HasFormContentType)
        {
            token = (await context.Request.ReadFormAsync(context.RequestAborted))["token"].ToString();
        }

        return token.Length > 0 && grants.Revoke(token)
            ? TypedResults.Json(new { })
            : GoogleErrors.OAuth("invalid_token", "Token expired or revoked");
    }

    private sealed class TokenContext(HttpContext http, IFormCollection form, IServiceProvider services)
    {
        private readonly GoogleSandboxOptions _options = services.GetRequiredService<IOptions<GoogleSandboxOptions>>().Value;
        private readonly GrantStore _grants = services.GetRequiredService<GrantStore>();
        private readonly TimeProvider _time = services.GetRequiredService<TimeProvider>();
        private readonly ILogger _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TokenEndpoint));

        private GoogleEndpoints Endpoints => GoogleEndpoints.For(http, _options);

        public IResult AuthorizationCode()
        {
            if (Authenticate(out var client) is { } failure)
            {
                return failure;
            }

            var code = form["code"].ToString();
            if (code.Length == 0)
            {
                return GoogleErrors.OAuth("invalid_request", "Missing required parameter: code");
            }

            var redirectUri = form["redirect_uri"].ToString();
            if (redirectUri.Length == 0)
            {
                return GoogleErrors.OAuth("invalid_request", "Missing parameter: redirect_uri");
            }

            switch (_grants.Redeem(code, out var grant))
            {
                case CodeRedemption.Unknown:
                    return Refused("invalid_grant", "Malformed auth code.", client.ClientId);
                case CodeRedemption.AlreadyUsed or CodeRedemption.Expired:
                    return Refused("invalid_grant", "Bad Request", client.ClientId);
            }

            if (grant!.ClientId != client.ClientId)
            {
                return Refused("invalid_grant", "Unauthorized", client.ClientId);
            }

            if (grant.RedirectUri != redirectUri)
            {
                return Refused("redirect_uri_mismatch", "Bad Request", client.ClientId);
            }

            var verifier = form["code_verifier"].ToString();
            if (CheckPkce(grant, verifier) is { } pkce)
            {
                return Refused("invalid_grant", pkce, client.ClientId);
            }

            var refresh = grant.Offline ? _grants.IssueRefreshToken(new RefreshTokenGrant(client.ClientId, grant.Scopes, grant.Identity), "authorization_code") : null;
            return Issue(client.ClientId, grant.Scopes, grant.Identity, grant.Nonce, refresh, "authorization_code");
        }

        public IResult RefreshToken()
        {
            if (Authenticate(out var client) is { } failure)
            {
                return failure;
            }

            var token = form["refresh_token"].ToString();
            if (token.Length == 0)
            {
                return GoogleErrors.OAuth("invalid_request", "Missing required parameter: refresh_token");
            }

            var grant = _grants.FindRefreshToken(token);
            if (grant is null)
            {
                return Refused("invalid_grant", "Token has been expired or revoked.", client.ClientId);
            }

            if (grant.ClientId != client.ClientId)
            {
                return Refused("invalid_grant", "Unauthorized", client.ClientId);
            }

            // A suspended or deleted Workspace account loses its refresh tokens, as at Google.
            var directory = services.GetRequiredService<WorkspaceDirectory>();
            if (directory.HasLostAccess(grant.Identity.Email))
            {
                _grants.Revoke(token);
                return Refused("invalid_grant", "Token has been expired or revoked.", client.ClientId);
            }

            return Issue(client.ClientId, grant.Scopes, grant.Identity, nonce: null, refreshToken: null, "refresh_token");
        }

        public async Task<IResult> JwtBearerAsync()
        {
            var assertion = form["assertion"].ToString();
            if (assertion.Length == 0)
            {
                return GoogleErrors.OAuth("invalid_request", "Missing required parameter: assertion");
            }

            JsonWebToken jwt;
            try
            {
                jwt = Handler.ReadJsonWebToken(assertion);
            }
            catch (ArgumentException)
            {
                return Refused("invalid_grant", "Invalid JWT Signature.", "-");
            }

            var account = services.GetRequiredService<ServiceAccountRegistry>().Find(jwt.Issuer);
            if (account is null)
            {
                return Refused("invalid_grant", "Invalid grant: account not found", jwt.Issuer);
            }

            if (jwt.Alg != SecurityAlgorithms.RsaSha256 || (jwt.Kid is { Length: > 0 } kid && kid != account.PrivateKeyId))
            {
                return Refused("invalid_grant", "Invalid JWT Signature.", account.ClientEmail);
            }

            var signature = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
            {
                IssuerSigningKey = account.PublicKey,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ValidateIssuer = false,
                ValidateAudience = false,
                // Lifetime is checked below against the twin's clock, with Google's wording.
                ValidateLifetime = false,
                RequireExpirationTime = false,
            });
            if (!signature.IsValid)
            {
                return Refused("invalid_grant", "Invalid JWT Signature.", account.ClientEmail);
            }

            var endpoints = Endpoints;
            var audience = jwt.Audiences.ToList();
            if (audience.Count != 1 || !(audience[0] == endpoints.Token || GoogleEndpoints.GoogleTokenAudiences.Contains(audience[0])))
            {
                return Refused("invalid_grant", $"Invalid JWT: Failed audience check. The right value is {endpoints.Token}", account.ClientEmail);
            }

            var now = _time.GetUtcNow();
            if (!jwt.TryGetPayloadValue<long>("iat", out var iat) || !jwt.TryGetPayloadValue<long>("exp", out var exp)
                || exp <= iat || exp - iat > 3600
                || DateTimeOffset.FromUnixTimeSeconds(iat) > now + ClockSkew
                || DateTimeOffset.FromUnixTimeSeconds(exp) < now - ClockSkew)
            {
                return Refused("invalid_grant", ShortLived, account.ClientEmail);
            }

            var scopes = GoogleScopes.Split(jwt.TryGetPayloadValue<string>("scope", out var scope) ? scope : null);
            if (scopes.Count == 0)
            {
                return Refused("invalid_scope", "Invalid OAuth scope or ID token audience provided.", account.ClientEmail);
            }

            string? subject = null;
            if (jwt.TryGetPayloadValue<string>("sub", out var sub) && !string.IsNullOrEmpty(sub))
            {
                var user = services.GetRequiredService<WorkspaceDirectory>().Find(sub);
                if (user is null || user.User.Suspended)
                {
                    return Refused("invalid_grant", "Invalid email or User ID", account.ClientEmail);
                }

                if (!scopes.All(account.DelegatedScopes.Contains))
                {
                    return Refused(
                        "unauthorized_client",
                        "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.",
                        account.ClientEmail,
                        StatusCodes.Status401Unauthorized);
                }

                subject = user.Email;
            }

            var accessToken = _grants.IssueAccessToken(
                new AccessTokenGrant(account.Options.ClientId, scopes, subject, Identity: null, account.ClientEmail, now + _options.AccessTokenLifetime),
                JwtBearer);
            var granted = string.Join(' ', scopes);
            GoogleLog.ServiceAccountTokenIssued(_logger, account.ClientEmail, subject ?? "(itself)", granted);
            return TypedResults.Json(new TokenResponse(accessToken, ExpiresIn(), Scope: null, "Bearer", IdToken: null, RefreshToken: null));
        }

        private JsonHttpResult<TokenResponse> Issue(string clientId, IReadOnlyList<string> scopes, GoogleIdentity identity, string? nonce, string? refreshToken, string grantType)
        {
            var now = _time.GetUtcNow();
            var accessToken = _grants.IssueAccessToken(
                new AccessTokenGrant(clientId, scopes, identity.Email, identity, ServiceAccount: null, now + _options.AccessTokenLifetime),
                grantType);
            string? idToken = null;
            if (scopes.Contains(GoogleScopes.OpenId))
            {
                var (token, keyId, expiresAt) = services.GetRequiredService<IdTokenFactory>()
                    .Create(Endpoints.Issuer, clientId, identity, scopes, nonce, accessToken);
                _grants.RecordIdToken(token, keyId, grantType, clientId, identity, scopes, expiresAt);
                idToken = token;
            }

            GoogleLog.UserTokenIssued(_logger, grantType, clientId, identity.Email);
            return TypedResults.Json(new TokenResponse(accessToken, ExpiresIn(), string.Join(' ', scopes), "Bearer", idToken, refreshToken));
        }

        private int ExpiresIn() => (int)_options.AccessTokenLifetime.TotalSeconds;

        /// <summary>Client authentication: HTTP Basic (form-encoded id and secret) or the post body, as Google accepts.</summary>
        private JsonHttpResult<OAuthError>? Authenticate(out GoogleOAuthClientOptions client)
        {
            client = null!;
            string? id;
            string? secret;
            var authorization = http.Request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                string decoded;
                try
                {
                    decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                }
                catch (FormatException)
                {
                    return GoogleErrors.OAuth("invalid_client", "Unauthorized", StatusCodes.Status401Unauthorized);
                }

                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    return GoogleErrors.OAuth("invalid_client", "Unauthorized", StatusCodes.Status401Unauthorized);
                }

                id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
                secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            }
            else
            {
                id = form["client_id"].ToString();
                secret = form.ContainsKey("client_secret") ? form["client_secret"].ToString() : null;
            }

            if (string.IsNullOrEmpty(id))
            {
                return GoogleErrors.OAuth("invalid_request", "Could not determine client ID from request.");
            }

            var found = _options.Clients.FirstOrDefault(c => string.Equals(c.ClientId, id, StringComparison.Ordinal));
            if (found is null)
            {
                return Refused("invalid_client", "The OAuth client was not found.", id, StatusCodes.Status401Unauthorized);
            }

            if (string.IsNullOrEmpty(secret))
            {
                return Refused("invalid_request", "client_secret is missing.", id);
            }

            if (!GoogleIds.FixedTimeEquals(secret, found.ClientSecret))
            {
                return Refused("invalid_client", "Unauthorized", id, StatusCodes.Status401Unauthorized);
            }

            client = found;
            return null;
        }

        private static string? CheckPkce(AuthorizationCodeGrant grant, string verifier)
        {
            if (grant.CodeChallenge is null)
            {
                return verifier.Length == 0 ? null : "code_verifier or verifier is not needed.";
            }

            if (verifier.Length == 0)
            {
                return "Missing code verifier.";
            }

            var expected = grant.CodeChallengeMethod == "S256" ? GoogleIds.S256(verifier) : verifier;
            return GoogleIds.IsPkceValue(verifier) && GoogleIds.FixedTimeEquals(expected, grant.CodeChallenge) ? null : "Invalid code verifier.";
        }

        private JsonHttpResult<OAuthError> Refused(string error, string description, string who, int status = StatusCodes.Status400BadRequest)
        {
            var grantType = form["grant_type"].ToString();
            GoogleLog.TokenRefused(_logger, grantType, who, error, description);
            return GoogleErrors.OAuth(error, description, status);
        }
    }
}
