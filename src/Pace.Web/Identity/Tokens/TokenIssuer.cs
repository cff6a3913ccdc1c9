using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pace.Identity;

namespace Pace.Web.Identity.Tokens;

/// <summary>An access token as <c>/oauth/token</c> returns it.</summary>
public sealed record IssuedToken(string AccessToken, string Id, TimeSpan Lifetime, IReadOnlyList<string> Scopes);

/// <summary>Issues and validates the RS256 JWTs of pace-web.</summary>
public sealed class TokenIssuer(SigningKeyStore keys, IOptions<TokenOptions> options, TimeProvider clock)
{
    /// <summary>The <c>aud</c> of access tokens.</summary>
    public const string Audience = "pace-web";

    /// <summary>The <c>typ</c> of access tokens (RFC 9068), so a user assertion can never be used as one.</summary>
    public const string AccessTokenType = "at+jwt";

    /// <summary>The <c>typ</c> and <c>aud</c> of user assertions: only the token exchange accepts them.</summary>
    public const string UserAssertionType = "pace-ua+jwt";

    public const string UserAssertionAudience = "pace-web:token-exchange";

    /// <summary>The JWT claim naming the party acting for the subject (RFC 8693 §4.1).</summary>
    public const string ActClaim = "act";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private TokenOptions Options => options.Value;

    /// <summary>
    /// An access token for <paramref name="clientId"/>; for <paramref name="person"/> when given (token exchange): then
    /// <c>sub</c> is the person, with their role and team, and <c>act</c> names the client.
    /// </summary>
    public async Task<IssuedToken> IssueAccessTokenAsync(string clientId, IReadOnlyList<string> scopes, User? person, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = clientId,
            [PaceClaims.ClientId] = clientId,
            [PaceClaims.Scope] = string.Join(' ', scopes),
            [JwtRegisteredClaimNames.Jti] = id,
        };
        if (person is not null)
        {
            claims[JwtRegisteredClaimNames.Sub] = person.Id.ToString();
            claims[PaceClaims.Role] = IdentityModule.RoleName(person.Role);
            claims[PaceClaims.Email] = person.Email;
            claims[PaceClaims.Name] = person.DisplayName;
            if (person.TeamId is { } team)
            {
                claims[PaceClaims.TeamId] = team.ToString();
            }

            claims[ActClaim] = new Dictionary<string, object>(StringComparer.Ordinal) { [JwtRegisteredClaimNames.Sub] = clientId };
        }

        var token = await CreateAsync(claims, Audience, AccessTokenType, Options.AccessTokenLifetime, cancellationToken);
        return new IssuedToken(token, id, Options.AccessTokenLifetime, scopes);
    }

    /// <summary>
    /// A short-lived statement "this is <paramref name="actor"/>" that pace-web gives its own browser session to relay
    /// to pace-ai, which exchanges it (RFC 8693) for a token acting for the person. It is not an access token.
    /// </summary>
    public Task<string> IssueUserAssertionAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId is not { } userId || !actor.IsPerson)
        {
            throw new ArgumentException("A user assertion is for a person.", nameof(actor));
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = userId.ToString(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        return CreateAsync(claims, UserAssertionAudience, UserAssertionType, Options.UserAssertionLifetime, cancellationToken);
    }

    /// <summary>The person a user assertion names, or null when it is not a valid one.</summary>
    public async Task<Guid?> ValidateUserAssertionAsync(string assertion, CancellationToken cancellationToken)
    {
        var result = await ValidateAsync(assertion, UserAssertionAudience, UserAssertionType, cancellationToken);
        return result.IsValid && Guid.TryParse(result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id) ? id : null;
    }

    /// <summary>Checks signature (RS256 only, a key of the store by <c>kid</c>), issuer, audience, type and lifetime.</summary>
    public async Task<TokenValidationResult> ValidateAsync(string token, string audience, string type, CancellationToken cancellationToken)
    {
        string? keyId = null;
        if (Handler.CanReadToken(token))
        {
            try
            {
                keyId = Handler.ReadJsonWebToken(token).Kid;
            }
            catch (ArgumentException)
            {
                // Malformed: validation below reports it.
            }
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Options.Issuer,
            ValidAudience = audience,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidTypes = [type],
            IssuerSigningKeys = await keys.GetValidationKeysAsync(keyId, cancellationToken),
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = Options.ClockSkew,
            LifetimeValidator = IsWithinLifetime,
            NameClaimType = PaceClaims.UserId,
            RoleClaimType = PaceClaims.Role,
            AuthenticationType = PaceSchemes.Jwt,
        };
        return await Handler.ValidateTokenAsync(token, parameters);
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp + Options.ClockSkew && (notBefore is not { } nbf || nbf - Options.ClockSkew <= now);
    }

    private async Task<string> CreateAsync(Dictionary<string, object> claims, string audience, string type, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Options.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            TokenType = type,
            SigningCredentials = await keys.GetSigningCredentialsAsync(cancellationToken),
        };
        return Handler.CreateToken(descriptor);
    }
}

/// <summary>Authorization for machine endpoints: a token carrying a scope.</summary>
public static class ScopePolicy
{
    /// <summary>
    /// Requires <paramref name="scope"/> in the token's <c>scope</c> claim (a machine token, with or without a person).
    /// Use on endpoints that machines call on their own, e.g. <c>.RequireAuthorization(p => p.RequireScope("export:read"))</c>.
    /// </summary>
    public static Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder RequireScope(
        this Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, string scope)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.AddAuthenticationSchemes(PaceSchemes.Default).RequireAuthenticatedUser()
            .RequireAssertion(context => HasScope(context.User, scope));
    }

    public static bool HasScope(ClaimsPrincipal principal, string scope) =>
        principal.FindAll(PaceClaims.Scope).Any(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));
}
